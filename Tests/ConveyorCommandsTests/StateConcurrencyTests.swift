import ConveyorTestSupport
import Foundation
import Testing

@Suite("Concurrent conveyor processes on one state branch", .timeLimit(.minutes(5)))
struct StateConcurrencyTests {
    @Test("16 processes record 16 runs at once: all present, at most one commit each, linear, fsck-clean, verify ok")
    func sixteenWriters() async throws {
        try await StateServer.with { server in
            let invocations = (1...16).map { number in
                [
                    "state", "record-run", "--repository", "octo/repo", "--work-item", "\(number)", "--stage", "dev",
                    "--status", "succeeded", "--run-id", "run-\(number)",
                ]
            }
            let outputs = try await server.conveyorConcurrently(invocations)
            for (index, output) in outputs.enumerated() {
                #expect(output.status == 0, "writer \(index + 1): \(output.stderr)")
                #expect(!output.stdout.contains(server.token) && !output.stderr.contains(server.token))
            }

            let runs = try await server.conveyor(["state", "runs", "--format", "json", "--limit", "100"])
            let list = try #require(try StateServer.json(runs) as? [[String: Any]])
            #expect(Set(list.compactMap { $0["runID"] as? String }) == Set((1...16).map { "run-\($0)" }))

            let verify = try await server.conveyor(["state", "verify", "--format", "json"])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            let report = try #require(try StateServer.json(verify) as? [String: Any])
            #expect((report["problems"] as? [Any])?.isEmpty == true)
            #expect(report["runs"] as? Int == 16)

            #expect(try GitCLI.run(["-C", server.bare.path, "rev-list", "--merges", "conveyor/state"]).isEmpty)
            // A writer that lost a race shares its batch, and the next winner folds it in (ADR 0008): at most one
            // commit per writer, usually fewer.
            let commits = Int(try GitCLI.run(["-C", server.bare.path, "rev-list", "--count", "conveyor/state"])) ?? 0
            #expect((1...16).contains(commits), "\(commits) commits")
            let left = try GitCLI.run(["-C", server.bare.path, "for-each-ref", "refs/conveyor/batches/"])
            #expect(left.isEmpty, "every shared batch was folded and deleted: \(left)")
            #expect(try server.history().allSatisfy { $0.count <= 2 })
            let fsck = try GitCLI.attempt(["-C", server.bare.path, "fsck", "--strict", "--no-progress"])
            #expect(fsck.succeeded && !fsck.stderr.contains("error"), "\(fsck.stderr)")
        }
    }

    @Test("8 processes claim the same (work item, stage): one holds the lease, 7 exit 3 as duplicates")
    func eightClaimers() async throws {
        try await StateServer.with { server in
            let invocations = (1...8).map { number in
                [
                    "state", "claim", "--repository", "octo/repo", "--work-item", "42", "--stage", "dev",
                    "--holder", "job-\(number)", "--run-id", "claim-\(number)", "--ttl", "600",
                ]
            }
            let outputs = try await server.conveyorConcurrently(invocations)
            let winners = outputs.indices.filter { outputs[$0].status == 0 }
            try #require(winners.count == 1, "\(outputs.map { "\($0.status): \($0.stderr)" })")
            let winner = "job-\(winners[0] + 1)"
            for (index, output) in outputs.enumerated() where index != winners[0] {
                #expect(output.status == 3, "claimer \(index + 1): \(output.stderr)")
                #expect(output.stderr.contains("duplicate") && output.stderr.contains("held by \(winner)"))
            }
            #expect(try GitCLI.run(["-C", server.bare.path, "rev-list", "--count", "conveyor/state"]) == "1")

            let show = try await server.conveyor(["state", "show", "--format", "json"])
            let report = try #require(try StateServer.json(show) as? [String: Any])
            let leases = try #require(report["leases"] as? [[String: Any]])
            #expect(leases.count == 1)
            #expect((leases.first?["lease"] as? [String: Any])?["holder"] as? String == winner)
        }
    }
}
