import ConveyorTestSupport
import Execution
import Foundation
import Pipeline
import Testing

/// Three stages with the real Claude Code CLI against the scripted model server, driven by the owner: intake,
/// `/approve` (vision dispatched and replayed), `/revise` on vision (the findings must reach the model verbatim,
/// with the earlier rounds), `/approve` (prd dispatched and replayed).
@Suite(.serialized) struct ClaudeFlowTests {
    /// A document of `stage` the gate accepts.
    static func artifact(_ type: String, stage: StageName, version: Int = 1) -> String {
        """
        ---
        doc_id: WI-1-\(stage)-\(type)
        type: \(type)
        status: draft
        owner_role: pm
        stage: \(stage)
        work_item: 1
        related_issues: [1]
        version: \(version)
        ---
        # \(type)

        Written by Claude Code for the PDF export.

        """
    }

    /// The two model turns of one stage run: write every document of `stage`, then say so.
    static func turns(_ stage: StageName, checkout: URL, version: Int = 1) -> [ModelReply] {
        let types = Pipeline.default[stage]?.artifacts.map(\.type) ?? []
        let writes = types.map { type in
            ModelContent.write(
                id: "toolu_\(stage.rawValue)_\(version)_\(type.replacingOccurrences(of: "-", with: "_"))",
                filePath: checkout.appendingPathComponent("docs/work-items/1/\(stage)/\(type).md").path,
                content: artifact(type, stage: stage, version: version))
        }
        return [
            .tools(writes, usage: ModelUsage(input: 100, output: 20, cacheRead: 0, cacheCreation: 0)),
            .text("The \(stage) documents are written.", usage: ModelUsage(input: 120, output: 10)),
        ]
    }

    @Test func theReviseFindingsReachTheModelVerbatimAcrossThreeStages() async throws {
        try await FlowWorld.with(.github) { world in
            let checkout = world.scratch.appending("checkout")
            try await GitCLI.runDetached(["clone", "--quiet", world.bare.path, checkout.path])
            let server = try await ModelServer.start(
                script: ModelScript(
                    Self.turns(.intake, checkout: checkout) + Self.turns(.vision, checkout: checkout)
                        + Self.turns(.vision, checkout: checkout, version: 2) + Self.turns(.prd, checkout: checkout)))
            let home = world.scratch.appending("claude-home")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            world.agent = "claude"
            world.claudeExecutable = try ClaudeBinary.locate()
            world.agentEnvironment = server.cliEnvironment(home: home).merging(
                ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]) { $1 }
            world.checkout = checkout

            let findings = "Name the success metric: 80 percent of exports finish within 5 seconds."
            let intake = try await world.label("run:intake")
            #expect(intake.stage?.verdict == "pass", "\(intake.message)")
            try await world.comment("/approve")
            #expect(try await world.flowState().current == .vision)
            let revise = try await world.comment("/revise \(findings)")
            let comments = await world.forge.comments(issue: 1).map(\.body)
            #expect(revise.stage?.verdict == "pass", "\(world.reports.map(\.message)) \(comments)")
            try await world.comment("/approve")
            let requests = await server.requests().filter(\.isMessages)
            await server.stop()

            #expect(try await world.flowState().current == .prd)
            #expect(requests.count == 8, "two turns for each of four runs")
            let bodies = try requests.map { request in
                String(decoding: try JSONEncoder().encode(request.body), as: UTF8.self)
            }
            // The revise round's first request (the fifth) carries the findings verbatim; no earlier one does.
            #expect(bodies[4].contains(findings), "the findings in the prompt the model received")
            #expect(!bodies[0...3].contains { $0.contains(findings) })
            #expect(bodies[4].contains("round 1: findings by alice"))
            #expect(try await world.frontmatter("version", of: "docs/work-items/1/vision/charter.md") == "2")
            #expect(try await world.frontmatter("status", of: "docs/work-items/1/vision/charter.md") == "approved")
            #expect(world.dispatchCount == 2)
        }
    }
}
