import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// The real Claude Code CLI, driven by a scripted model that goes after the forge token: its `Read` tool opens the
/// checkout's `.git/config` (where `actions/checkout` persisted an `extraheader`), its own environ and its parent's
/// (`conveyor`'s) environ, and its `Write` tool puts whatever came back into an intake artifact. The token must reach
/// neither the model nor the artifacts, the branch, `main` or the state; the session is recorded in the state.
///
/// Claude Code 2.1's `Read` refuses `/proc` files ("a device or process file that this tool does not read"), so
/// today only `.git/config` can leak through it (and does, without the neutralising); the `/proc` probes stay so a
/// CLI that starts reading them is still covered. `RunSecretsTests` reads `/proc/$PPID/environ` with a shell.
@Suite(.serialized) struct RunClaudeSecretsTests {
    private static let configuration = "agent: {name: claude, model: claude-sonnet-4-5}\n"

    /// Every string in a JSON value (a request body), so escaping cannot hide a match.
    static func strings(in value: JSONValue?) -> [String] {
        guard let value else { return [] }
        if let text = value.stringValue { return [text] }
        if let array = value.arrayValue { return array.flatMap { strings(in: $0) } }
        if let object = value.objectValue { return object.flatMap { [$0.key] + strings(in: $0.value) } }
        return []
    }

    /// The `conveyor run` process of this world: the built binary whose environment names `runnerTemp`.
    static func conveyorProcess(runnerTemp: String) -> Int32? {
        let binary = (try? BuiltBinary.url().path) ?? "conveyor"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                String(decoding: command, as: UTF8.self).hasPrefix(binary),
                let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                String(decoding: environ, as: UTF8.self).contains("RUNNER_TEMP=\(runnerTemp)\u{0}")
            else { continue }
            return pid
        }
        return nil
    }

    @Test func claudesToolsFindNoTokenAndTheSessionIsRecorded() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration]) { world in
            let token = try #require(world.variables["GITHUB_TOKEN"])
            let (checkout, _) = try RunSecretsTests.persistedCheckout(world, token: token)
            let mainBefore = try GitCLI.run(["-C", world.bare.path, "rev-parse", "main"])
            let intake = checkout.appendingPathComponent("docs/work-items/1/intake")
            let runnerTemp = world.scratch.path
            let readParent = ModelReplyBuilder("read conveyor's environ") { _ in
                let pid = Self.conveyorProcess(runnerTemp: runnerTemp).map(String.init) ?? "1"
                return .tools(
                    [.toolUse(id: "toolu_parent", name: "Read", input: ["file_path": .string("/proc/\(pid)/environ")])],
                    usage: ModelUsage(input: 110, output: 21, cacheRead: 4, cacheCreation: 6))
            }
            let writeLoot = ModelReplyBuilder("write what the tools found") { request in
                let found = request.toolResults.sorted { $0.key < $1.key }
                    .map { "## \($0.key)\n\($0.value)" }.joined(separator: "\n")
                return .tools(
                    RunWorld.intakeTypes.map { type in
                        ModelContent.write(
                            id: "toolu_write_\(type.replacingOccurrences(of: "-", with: "_"))",
                            filePath: intake.appendingPathComponent("\(type).md").path,
                            content: RunWorld.intakeArtifact(
                                type, body: type == "brief" ? "```\n\(found)\n```" : "Written by Claude Code."))
                    }, usage: ModelUsage(input: 120, output: 22))
            }
            let server = try await ModelServer.start(
                script: ModelScript([
                    .tools(
                        [
                            .toolUse(
                                id: "toolu_config", name: "Read",
                                input: ["file_path": .string(checkout.appendingPathComponent(".git/config").path)]),
                            .toolUse(
                                id: "toolu_self", name: "Read", input: ["file_path": .string("/proc/self/environ")]),
                        ], usage: ModelUsage(input: 100, output: 20, cacheRead: 3, cacheCreation: 5)),
                    .computed(readParent),
                    .computed(writeLoot),
                    .text("The intake package is written.", usage: ModelUsage(input: 130, output: 23, cacheRead: 1)),
                ]))
            let extra = try world.claudeVariables(server: server, checkout: checkout)
            let run = try await world.conveyor(["run"], extra)
            let requests = await server.requests()
            await server.stop()

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(requests.count == 4)
            let sent = requests.flatMap { Self.strings(in: $0.body) }.joined(separator: "\n")
            // The probes reached the model: the config was read, and so was an environ.
            #expect(sent.contains("[remote \"origin\"]"), "\(sent.suffix(4000))")
            #expect(!RunSecretsTests.leaks(sent, token: token), "the model received the token")
            let branch = try #require(await world.forge.pulls().first?.head)
            let brief = try GitCLI.run(["-C", world.bare.path, "show", "\(branch):docs/work-items/1/intake/brief.md"])
            #expect(brief.contains("toolu_config"), "\(brief)")
            #expect(!RunSecretsTests.leaks(try RunSecretsTests.repositoryText(world), token: token))
            #expect(!RunSecretsTests.leaks(try await RunSecretsTests.outputsText(world, run: run), token: token))
            #expect(try GitCLI.run(["-C", world.bare.path, "rev-parse", "main"]) == mainBefore)

            // §5: the session and its usage are in the state; the transcript is kept and named.
            let sessions = try RunSecretsTests.state(
                world, "SELECT agent, model, status, log_path FROM agent_sessions")
            #expect(sessions.count == 1, "\(sessions)")
            let session = try #require(sessions.first).split(separator: "|").map(String.init)
            #expect(session.prefix(3) == ["claude", "claude-sonnet-4-5", "succeeded"], "\(session)")
            let transcript = try #require(session.last)
            #expect(transcript.hasPrefix(world.scratch.path))
            #expect(FileManager.default.fileExists(atPath: transcript + "/stdout.log"))
            let record = try String(contentsOfFile: transcript + "/session.jsonl", encoding: .utf8)
            #expect(record.contains("toolu_config"), "Claude Code's own session record is kept with the transcript")
            #expect(run.stderr.contains(transcript), "\(run.stderr)")
            let summary = try String(contentsOf: world.scratch.appending("summary.md"), encoding: .utf8)
            #expect(summary.contains(transcript), "\(summary)")
            let usage = try RunSecretsTests.state(
                world,
                "SELECT turn > 0, input_tokens, cached_tokens, output_tokens, total_tokens, cost_usd > 0 FROM token_usage"
            )
            #expect(usage == ["1|460|19|86|565|1"], "\(usage)")
        }
    }
}
