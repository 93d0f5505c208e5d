import Foundation

/// The scripted model server's memory: where the script is, and every request so far.
actor ModelServerState {
    private let script: ModelScript
    private var messagesAnswered = 0
    private(set) var requests: [RecordedModelRequest] = []

    init(script: ModelScript) {
        self.script = script
    }

    /// The next scripted reply and its message id (`msg_scripted_1`, …), advancing the script.
    func nextReply() -> (reply: ModelReply, id: String) {
        let reply = script.reply(at: messagesAnswered)
        messagesAnswered += 1
        return (reply, "msg_scripted_\(messagesAnswered)")
    }

    func record(_ request: RecordedModelRequest) {
        requests.append(request)
    }
}
