import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// The scripted Responses API server's wire format, checked with curl over loopback.
@Suite("Scripted Responses API server")
struct ResponsesAPIServerTests {
    private static func post(_ server: ResponsesAPIServer, _ path: String, _ body: String) async throws -> ProcessOutput
    {
        try await ProcessRunner.runDetached([
            "curl", "-sS", "--max-time", "60", "-w", "\n%{http_code}", "-H", "content-type: application/json",
            "--data-binary", body, server.baseURL.absoluteString + path,
        ])
    }

    @Test("A reply streams created, the item added and done, then completed with usage; the script advances")
    func streaming() async throws {
        let server = try await ResponsesAPIServer.start(
            script: ResponsesScript([
                .exec(
                    callID: "call_a", command: "printf 'A' > a.md",
                    usage: ResponsesUsage(input: 11, cachedInput: 2, output: 7, reasoningOutput: 3)),
                .message("Done.", usage: ResponsesUsage(input: 13, output: 5)),
            ]))
        let first = try await Self.post(server, "/responses", #"{"model":"m-1","stream":true,"input":[]}"#)
        let second = try await Self.post(
            server, "/responses",
            #"{"model":"m-1","stream":true,"input":[{"type":"function_call_output","call_id":"call_a","output":"ok"}]}"#
        )
        let third = try await Self.post(server, "/responses", #"{"model":"m-1","stream":true,"input":[]}"#)
        let unknown = try await Self.post(server, "/models", "{}")
        let requests = await server.requests()
        await server.stop()

        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "200")
        let events = lines.filter { $0.hasPrefix("event: ") }.map { $0.dropFirst(7) }
        #expect(
            events == [
                "response.created", "response.output_item.added", "response.output_item.done", "response.completed",
            ])
        let data = lines.filter { $0.hasPrefix("data: ") }.map { try? JSONValue(parsing: Data($0.dropFirst(6).utf8)) }
        try #require(data.count == 4, "\(first.stdout)")
        #expect(data[2]?.value(atPointer: "item/type") == "function_call")
        #expect(data[2]?.value(atPointer: "item/name") == "exec_command")
        let arguments = try #require(data[2]?.value(atPointer: "item/arguments")?.stringValue)
        #expect(try JSONValue(parsing: Data(arguments.utf8)) == ["cmd": "printf 'A' > a.md"])
        #expect(data[3]?.value(atPointer: "response/usage/input_tokens") == 11)
        #expect(data[3]?.value(atPointer: "response/usage/input_tokens_details/cached_tokens") == 2)
        #expect(data[3]?.value(atPointer: "response/usage/output_tokens_details/reasoning_tokens") == 3)

        #expect(second.stdout.contains(#""type":"output_text""#))
        #expect(second.stdout.contains(#""text":"Done.""#))
        #expect(third.stdout.hasSuffix("\n500"), "the script has two replies")
        #expect(third.stdout.contains("request 3 came"))
        #expect(unknown.stdout.hasSuffix("\n404"))
        #expect(requests.map(\.status) == [200, 200, 500, 404])
        try #require(requests.count == 4)
        #expect(requests[1].functionCallOutputs == ["call_a": "ok"])
        #expect(requests.filter(\.isResponses).count == 3)
    }
}
