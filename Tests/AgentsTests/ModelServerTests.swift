import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// The scripted model server's wire format, checked with curl over loopback.
@Suite("Scripted model server")
struct ModelServerTests {
    private static let script = ModelScript([
        .tools(
            [.write(id: "toolu_a", filePath: "/w/a.md", content: "A\n")],
            usage: ModelUsage(input: 11, output: 7, cacheRead: 2, cacheCreation: 3)),
        .text("Done.", usage: ModelUsage(input: 13, output: 5)),
    ])

    private static func post(_ server: ModelServer, _ path: String, _ body: String) async throws -> ProcessOutput {
        try await ProcessRunner.runDetached([
            "curl", "-sS", "--max-time", "10", "-w", "\n%{http_code}", "-H", "content-type: application/json",
            "--data-binary", body, server.baseURL.absoluteString + path,
        ])
    }

    @Test("A streaming request gets the Messages API events in order, with the tool input as one JSON delta")
    func streaming() async throws {
        let server = try await ModelServer.start(script: Self.script)
        let output = try await Self.post(
            server, "/v1/messages?beta=true", #"{"model":"m-1","stream":true,"messages":[]}"#)
        await server.stop()
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "200")
        let events = lines.filter { $0.hasPrefix("event: ") }.map { $0.dropFirst(7) }
        #expect(
            events == [
                "message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta",
                "message_stop",
            ])
        let data = lines.filter { $0.hasPrefix("data: ") }.map { try? JSONValue(parsing: Data($0.dropFirst(6).utf8)) }
        // A failed request (curl's `000` under a loaded machine) is a failed test, not a crash of every suite.
        try #require(data.count == 6, "\(output.stdout)\n\(output.stderr)")
        #expect(data[0]?.value(atPointer: "message/usage/input_tokens") == 11)
        #expect(data[0]?.value(atPointer: "message/usage/cache_read_input_tokens") == 2)
        #expect(data[0]?.value(atPointer: "message/model") == "m-1")
        #expect(data[1]?.value(atPointer: "content_block/name") == "Write")
        let partial = try #require(data[2]?.value(atPointer: "delta/partial_json")?.stringValue)
        #expect(try JSONValue(parsing: Data(partial.utf8)) == ["file_path": "/w/a.md", "content": "A\n"])
        #expect(data[4]?.value(atPointer: "delta/stop_reason") == "tool_use")
        #expect(data[4]?.value(atPointer: "usage/output_tokens") == 7)
    }

    @Test("A non-streaming request gets one message; requests are recorded; unknown routes get 404")
    func nonStreamingAndRecording() async throws {
        let server = try await ModelServer.start(script: Self.script)
        _ = try await Self.post(server, "/v1/messages", #"{"model":"m-1","stream":false,"messages":[]}"#)
        let second = try await Self.post(
            server, "/v1/messages", #"{"model":"m-2","messages":[{"role":"user","content":"hello there"}]}"#)
        let third = try await Self.post(server, "/v1/messages", #"{"model":"m-3","messages":[]}"#)
        let unknown = try await Self.post(server, "/api/oauth/profile", "{}")
        let requests = await server.requests()
        await server.stop()

        let message = try JSONValue(parsing: Data(second.stdout.split(separator: "\n").dropLast().joined().utf8))
        #expect(message["stop_reason"] == "end_turn")
        #expect(message.value(atPointer: "content/0/text") == "Done.")
        #expect(message.value(atPointer: "usage/output_tokens") == 5)
        #expect(third.stdout.hasSuffix("\n500"))
        #expect(third.stdout.contains("the script has 2 replies and request 3 came"))
        #expect(unknown.stdout.hasSuffix("\n404"))
        #expect(requests.map(\.path) == ["/v1/messages", "/v1/messages", "/v1/messages", "/api/oauth/profile"])
        #expect(requests.map(\.status) == [200, 200, 500, 404])
        #expect(requests[1].userTexts == ["hello there"])
        #expect(requests[1].model == "m-2")
    }
}
