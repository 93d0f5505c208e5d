import ConveyorTestSupport
import Foundation
import Testing

/// Long steps say in the job log that they are still going (issue 10): a command agent that takes a few seconds
/// leaves one progress line per `CONVEYOR_PROGRESS_SECONDS` in the job log and in the run's JSON-lines log.
@Suite(.timeLimit(.minutes(3)))
struct ProgressLineTests {
    @Test func aLongRunningAgentWritesProgressLines() async throws {
        try await RunWorld.with { world in
            let script = world.scratch.appending("slow-agent.sh")
            try Data("sleep 4\n".utf8).write(to: script)
            let log = world.scratch.appending("run.jsonl")
            let output = try await world.conveyor(
                ["run"],
                [
                    "CONVEYOR_AGENT": "command", "CONVEYOR_AGENT_COMMAND": "sh \(script.path)",
                    "CONVEYOR_PROGRESS_SECONDS": "1", "CONVEYOR_LOG_FILE": log.path,
                ])
            let lines = output.stdout.split(separator: "\n").filter { $0.hasPrefix("conveyor: agent still running (") }
            #expect(lines.count >= 2, "stdout: \(output.stdout)\nstderr: \(output.stderr)")
            #expect(lines.first?.hasSuffix("(1s)") == true, "\(lines)")
            let records = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            let progress = records.filter { $0["step"] as? String == "agent" && $0["result"] as? String == "progress" }
            #expect(progress.count == lines.count)
            #expect(progress.compactMap { $0["elapsed_s"] as? Int } == Array(1...progress.count))
        }
    }

    @Test func aProgressIntervalOutOfRangeIs65AndNamesTheVariable() async throws {
        try await RunWorld.with { world in
            let output = try await world.conveyor(["run"], ["CONVEYOR_PROGRESS_SECONDS": "0"])
            #expect(output.status == 65, "\(output.stderr)")
            #expect(output.stderr.contains("CONVEYOR_PROGRESS_SECONDS"))
        }
    }
}
