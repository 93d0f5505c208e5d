import Documents
import Pipeline

// MARK: - Open questions

extension ArtifactCheck {
    /// The unanswered questions of the stage's artifacts of `type`, with an `openQuestions` reason when there are
    /// some and a `malformedQuestions` reason for each list that cannot be read.
    func openQuestions(type: String) -> (reasons: [GateReason], questions: [String]) {
        var reasons: [GateReason] = []
        var questions: [String] = []
        for requirement in stage.artifacts where requirement.type == type {
            let path = requirement.path(forWorkItem: workItem)
            guard let document = documents[path] else { continue }
            let listed: [OpenQuestion]
            do {
                listed = try OpenQuestion.questions(in: document.frontmatter, path: path)
            } catch {
                reasons += error.problems.map {
                    GateReason(code: .malformedQuestions, path: path, line: $0.line, message: $0.message)
                }
                continue
            }
            let open = listed.filter { !$0.answered }.map(\.text)
            guard !open.isEmpty else { continue }
            questions += open
            let count = open.count == 1 ? "1 unanswered question" : "\(open.count) unanswered questions"
            reasons.append(
                GateReason(
                    code: .openQuestions, path: path,
                    message: "`\(path)` lists \(count) for the owner. Answer them on the issue, then run stage "
                        + "`\(stage.name)` again."))
        }
        return (reasons, questions)
    }
}
