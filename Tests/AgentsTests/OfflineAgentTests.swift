import Agents
import ConveyorTestSupport
import Foundation
import Pipeline
import Testing
import Yams

/// The built-in offline agent.
@Suite("Offline agent")
struct OfflineAgentTests {
    private static let intake = ["problem", "personas", "scope", "constraints", "brief", "open-questions"].map {
        ArtifactRequirement(pathPattern: "docs/work-items/<N>/intake/\($0).md", type: $0)
    }

    private static func invocation(_ fixture: AgentFixture, artifacts: [ArtifactRequirement] = intake)
        -> AgentInvocation
    {
        var invocation = fixture.invocation(.offline)
        invocation.artifacts = artifacts
        invocation.ownerRole = "pm"
        invocation.workItemText = WorkItemText(
            title: "Export: reports as CSV\n(urgent)",
            body: "Users want CSV.\r\n\r\n---\nIt must handle {title} and 10k rows.")
        return invocation
    }

    /// The frontmatter of `text` as a YAML mapping.
    private static func frontmatter(_ text: String) throws -> [String: Any] {
        let parts = text.components(separatedBy: "---\n")
        #expect(parts.first == "")
        return try #require(try Yams.load(yaml: parts[1]) as? [String: Any])
    }

    @Test("Every required document is written with the common frontmatter and generated_by offline")
    func writesDocuments() async throws {
        try await AgentFixture.with { fixture in
            let outcome = try await AgentRunner.run(Self.invocation(fixture))
            #expect(outcome.status == .succeeded)
            #expect(outcome.exit == nil)
            #expect(outcome.costUSD == 0 && outcome.usage == .zero)
            for requirement in Self.intake {
                let text = try #require(fixture.workFile(requirement.path(forWorkItem: 7)))
                let fields = try Self.frontmatter(text)
                let keys =
                    ArtifactRequirement.commonKeys + [
                        "related_issues", "related_prs", "version", "supersedes", "superseded_by", "generated_by",
                    ]
                for key in keys { #expect(fields.keys.contains(key), "\(requirement.type) lacks \(key)") }
                #expect(fields["doc_id"] as? String == "wi-7-intake-\(requirement.type)")
                #expect(fields["type"] as? String == requirement.type)
                #expect(fields["status"] as? String == "draft")
                #expect(fields["owner_role"] as? String == "pm")
                #expect(fields["stage"] as? String == "intake")
                #expect(fields["work_item"] as? Int == 7)
                #expect(fields["related_issues"] as? [Int] == [7])
                #expect(fields["version"] as? Int == 1)
                let generatedBy = try #require(fields["generated_by"] as? [String: Any])
                #expect(generatedBy["agent"] as? String == "offline")
                #expect(generatedBy["model"] as? String == "none")
                #expect(generatedBy["run_id"] as? String == "run-0001")
            }
        }
    }

    @Test("The work item's title and body appear verbatim; placeholders inside them are not expanded")
    func restatesWorkItem() async throws {
        try await AgentFixture.with { fixture in
            _ = try await AgentRunner.run(Self.invocation(fixture))
            let problem = try #require(fixture.workFile("docs/work-items/7/intake/problem.md"))
            #expect(problem.contains("# Problem statement: Export: reports as CSV (urgent)\n"))
            #expect(problem.contains("> Users want CSV.\n>\n> ---\n> It must handle {title} and 10k rows.\n"))
        }
    }

    @Test("The same input gives byte-identical files")
    func deterministic() async throws {
        try await AgentFixture.with { first in
            try await AgentFixture.with { second in
                _ = try await AgentRunner.run(Self.invocation(first))
                _ = try await AgentRunner.run(Self.invocation(second))
                for requirement in Self.intake {
                    let path = requirement.path(forWorkItem: 7)
                    let bytes = try #require(first.workFile(path))
                    #expect(bytes == second.workFile(path))
                }
            }
        }
    }

    @Test("Extra required keys get a pending value the gate will not take for a verdict")
    func extraKeys() async throws {
        try await AgentFixture.with { fixture in
            let report = ArtifactRequirement(
                pathPattern: "docs/work-items/<N>/qa/test-report.md", type: "test-report",
                requiredKeys: ArtifactRequirement.commonKeys + ["result"])
            _ = try await AgentRunner.run(Self.invocation(fixture, artifacts: [report]))
            let fields = try Self.frontmatter(try #require(fixture.workFile("docs/work-items/7/qa/test-report.md")))
            #expect(fields["result"] as? String == "pending")
        }
    }

    @Test("A path outside the work tree fails the run and writes nothing")
    func refusesEscapingPaths() async throws {
        try await AgentFixture.with { fixture in
            let artifacts = [
                Self.intake[0], ArtifactRequirement(pathPattern: "../escaped-<N>.md", type: "problem"),
            ]
            let outcome = try await AgentRunner.run(Self.invocation(fixture, artifacts: artifacts))
            #expect(
                outcome.status
                    == .failed(
                        reason: "the artifact path ../escaped-7.md is outside the work tree; nothing was written"))
            #expect(fixture.workFile("docs/work-items/7/intake/problem.md") == nil)
            #expect(!FileManager.default.fileExists(atPath: fixture.scratch.appending("escaped-7.md").path))
        }
    }

    @Test("A directory link that leaves the work tree is not followed")
    func refusesLinkedDirectories() async throws {
        try await AgentFixture.with { fixture in
            let outside = fixture.scratch.appending("outside")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                at: fixture.work.appendingPathComponent("docs"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                at: fixture.work.appendingPathComponent("docs/work-items"), withDestinationURL: outside)
            let outcome = try await AgentRunner.run(Self.invocation(fixture, artifacts: [Self.intake[0]]))
            guard case .failed(let reason) = outcome.status else {
                Issue.record("expected .failed, got \(outcome.status)")
                return
            }
            #expect(reason.contains("outside the work tree"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        }
    }

    @Test("A file link planted at an artifact path is replaced, not written through")
    func replacesFileLinks() async throws {
        try await AgentFixture.with { fixture in
            let target = fixture.scratch.appending("target.md")
            try Data("untouched\n".utf8).write(to: target)
            let folder = fixture.work.appendingPathComponent("docs/work-items/7/intake")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent("problem.md"), withDestinationURL: target)
            let outcome = try await AgentRunner.run(Self.invocation(fixture, artifacts: [Self.intake[0]]))
            #expect(outcome.status == .succeeded)
            #expect(try String(contentsOf: target, encoding: .utf8) == "untouched\n")
            #expect(fixture.workFile("docs/work-items/7/intake/problem.md")?.hasPrefix("---\ndoc_id:") == true)
        }
    }
}
