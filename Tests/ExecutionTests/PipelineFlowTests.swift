import ConveyorTestSupport
import Execution
import Foundation
import Pipeline
import StateBranch
import Testing

/// The whole pipeline on the fake forge and the loopback git server, in-process, driven only by what a person does
/// (labels, comments, a review), every workflow dispatch replayed as the `workflow_dispatch` event the forge would
/// deliver (sent by Conveyor's own identity, authorized only by the approval state holds).
///
/// The offline agent cannot judge a pull request or a test run, so these flows configure the `doc-audit` and `qa`
/// gates as `artifacts` (the built-in ones read a `verdict` / `result` token only a real agent writes); every
/// other stage keeps its built-in gate.
@Suite(.serialized) struct PipelineFlowTests {
    static var configuration: PipelineConfiguration {
        var configuration = PipelineConfiguration.default
        for name in [StageName.docAudit, .qa] {
            guard var stage = configuration.pipeline[name] else { continue }
            stage.gate = .artifacts
            configuration.pipeline.replace(stage)
        }
        return configuration
    }

    static let body = """
        People keep notes and want to share them as PDF files.

        Open question: Which page sizes must the export support?
        """

    @Test(arguments: ForgeDialect.allCases)
    func twelveStagesWithAnAnswerAReviseRoundAndARethinkEndWithEveryDocumentApproved(dialect: ForgeDialect)
        async throws
    {
        try await FlowWorld.with(dialect, issueBody: Self.body, configuration: Self.configuration) { world in
            // intake asks the question the issue lists, and waits for the owner.
            let intake = try await world.label("run:intake")
            #expect(intake.stage?.verdict == "needs_input", "\(intake.message)")
            #expect(try await world.flowState().status == .needsInput)
            let choose = try await world.comment("/choose 2")
            #expect(choose.stage?.verdict == "pass", "\(choose.message)")
            let path = { (stage: String, file: String) in "docs/work-items/\(world.issue)/\(stage)/\(file)" }
            #expect(try await world.document(path("intake", "open-questions.md")).contains("answer: \"Option 2.\""))

            // Approvals by comment and by review; each dispatch starts the next stage.
            try await world.comment("/approve")
            #expect(try await world.flowState().current == .vision)
            try await world.approveReview()
            #expect(try await world.flowState().current == .prd)

            // One revise round on prd: the findings reach the prompt verbatim, the version goes up.
            let findings = "Add an acceptance criterion:\nthe export keeps A4 and Letter page sizes."
            let revise = try await world.comment("/revise \(findings)")
            #expect(revise.stage?.verdict == "pass", "\(revise.message)")
            let prompt = try Self.prompt(of: revise, in: world)
            #expect(prompt.contains("the export keeps A4 and Letter page sizes."))
            #expect(prompt.contains("Add an acceptance criterion:"))

            // The next stage's label approves prd and starts arch in the same job.
            let arch = try await world.label("run:arch")
            #expect(arch.stage?.stage == "arch")
            try await world.comment("/approve")
            #expect(try await world.flowState().current == .design)

            // Rethink from design back to arch: later documents superseded, arch writes new versions.
            let rethink = try await world.comment("/rethink arch")
            #expect(rethink.stage?.stage == "arch" && rethink.stage?.verdict == "pass", "\(rethink.message)")
            for _ in 0..<8 { try await world.comment("/approve") }  // arch, design, plan, dev, doc-audit, qa, …
            #expect(try await world.flowState().current == .ops)
            try await world.comment("/approve")  // ops: the last stage

            let state = try await world.flowState()
            #expect(state.status == .approved && state.current == .ops)
            for stage in Pipeline.default.stages {
                for artifact in stage.artifacts {
                    let file = artifact.path(forWorkItem: world.issue)
                    #expect(try await world.frontmatter("status", of: file) == "approved", "\(file)")
                }
            }
            let docSet = try await world.document("docs/_docset/issues/issue-\(world.issue).yaml")
            #expect(docSet.contains("approved") && !docSet.contains("draft"), "the docset carries the statuses")
            let brief = path("prd", "prd.md")
            #expect(try await world.frontmatter("version", of: brief) == "2", "prd revised once")
            #expect(
                try await world.frontmatter("version", of: path("intake", "brief.md")) == "2", "intake answered once")
            let archDoc = try #require(Pipeline.default[.arch]?.artifacts.first).path(forWorkItem: world.issue)
            #expect(try await world.frontmatter("version", of: archDoc) == "2")
            #expect(try await world.frontmatter("supersedes", of: archDoc)?.hasSuffix("@v1") == true)
            let designDoc = try #require(Pipeline.default[.design]?.artifacts.first).path(forWorkItem: world.issue)
            #expect(try await world.frontmatter("supersedes", of: designDoc)?.hasSuffix("@v1") == true)
            let history = try await GitCLI.runDetached(
                ["-C", world.bare.path, "log", "-p", try world.pullRequest().head, "--", designDoc])
            #expect(history.contains("+status: superseded"), "the old design version was marked superseded")

            #expect(await world.forge.pulls().count == 1)
            let comments = await world.forge.comments(issue: world.issue)
            #expect(comments.filter { $0.body.contains("<!-- conveyor:status:\(world.issue) -->") }.count == 1)
            #expect(!comments.contains { $0.body.contains("<!-- conveyor:reply -->") }, "no refusals on the way")
            // Zero manual starts: the only stages a person started are intake (its label) and arch (the next
            // stage's label); every other stage start was a dispatch.
            #expect(world.dispatchCount == 11)
            let events = try await world.flowEvents()
            #expect(events.filter { $0.eventType == "stage.approved" }.count == 13, "arch twice")
            #expect(events.filter { $0.eventType == "stage.dispatched" }.allSatisfy { $0.actorID == world.owner })
            #expect(events.contains { $0.eventType == "stage.revise_requested" && $0.fields["findings"] == findings })
            #expect(events.contains { $0.eventType == "stage.answered" && $0.fields["answer"] == "Option 2." })
            #expect(events.contains { $0.eventType == "item.rethink" && $0.fields["to"] == "arch" })
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func anAbortedItemClosesItsPullRequestAbandonsItsDocumentsAndRefusesWhatFollows(dialect: ForgeDialect)
        async throws
    {
        try await FlowWorld.with(dialect, configuration: Self.configuration) { world in
            try await world.label("run:intake")
            try await world.comment("/approve")
            #expect(try await world.flowState().current == .vision)
            try await world.comment("/abort")
            let pull = try world.pullRequest()
            #expect(await world.forge.issue(pull.number)?.state == "closed")
            #expect(await world.forge.pulls().first?.merged == false)
            for stage in [StageName.intake, .vision] {
                for artifact in Pipeline.default[stage]?.artifacts ?? [] {
                    let file = artifact.path(forWorkItem: world.issue)
                    #expect(try await world.frontmatter("status", of: file) == "abandoned", "\(file)")
                }
            }
            let labels = await world.forge.labels(issue: world.issue)
            #expect(!labels.contains { $0.hasPrefix("run:") || $0.hasPrefix("state:") || $0.hasPrefix("need:") })
            #expect(try await world.flowState().aborted)
            let after = try await world.comment("/approve")
            #expect(after.outcome == .refused)
            let replies = await world.forge.comments(issue: world.issue).filter {
                $0.body.contains("<!-- conveyor:reply -->")
            }
            #expect(replies.count == 1 && replies.first?.body.contains("aborted") == true)
            #expect(world.dispatchCount == 1)
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func unknownCommandsAndCommandsWithoutPermissionGetOneReplyAndChangeNothing(dialect: ForgeDialect)
        async throws
    {
        try await FlowWorld.with(dialect, configuration: Self.configuration) { world in
            try await world.label("run:intake")
            let unknown = try await world.comment("/deploy now")
            #expect(unknown.outcome == .skipped)
            let denied = try await world.comment("/approve", by: "mallory")
            #expect(denied.outcome == .denied)
            let quoted = try await world.comment("> /approve\nquoted from an earlier comment")
            #expect(quoted.outcome == .skipped)
            let replies = await world.forge.comments(issue: world.issue).filter {
                $0.body.contains("<!-- conveyor:reply -->")
            }
            #expect(replies.count == 2, "\(replies.map(\.body))")
            #expect(replies.contains { $0.body.contains("@mallory Conveyor commands need write") })
            #expect(replies.contains { $0.body.contains("/deploy") })
            #expect(try await world.flowState().status == .inReview, "nothing changed")
            #expect(world.dispatchCount == 0)
        }
    }

    @Test func reviseRoundsRunOutIntoNeedPMAndAStageWithoutApprovalChainsByItself() async throws {
        var configuration = Self.configuration
        configuration.maxReviseRounds = 1
        if var intake = configuration.pipeline[.intake] {
            intake.requiresApproval = false
            configuration.pipeline.replace(intake)
        }
        try await FlowWorld.with(.github, configuration: configuration) { world in
            // intake needs no approval: it passes, Conveyor approves it and dispatches vision.
            try await world.label("run:intake")
            #expect(world.dispatchCount == 1)
            var state = try await world.flowState()
            #expect(state.current == .vision && state.status == .inReview)
            #expect(state.approvals[.intake]?.by == "conveyor")
            #expect(try await world.frontmatter("status", of: "docs/work-items/1/intake/brief.md") == "approved")

            let first = try await world.comment("/revise Shorter, please.")
            #expect(first.stage?.verdict == "pass")
            let second = try await world.comment("/revise Shorter still.")
            #expect(second.outcome == .refused && second.stage == nil)
            #expect(await world.forge.labels(issue: world.issue).contains("need:pm"))
            let replies = await world.forge.comments(issue: world.issue).filter {
                $0.body.contains("<!-- conveyor:reply -->")
            }
            #expect(replies.count == 1 && replies.first?.body.contains("max_revise_rounds") == true)
            state = try await world.flowState()
            #expect(state.reviseCount[.vision] == 1)
        }
    }

    /// The prompt the agent received in the run `report` describes.
    static func prompt(of report: JobReport, in world: FlowWorld) throws -> String {
        let transcript = try #require(report.stage?.transcript)
        let folder = URL(fileURLWithPath: transcript)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let name = try #require(files.first { $0.hasPrefix("prompt") }, "\(files)")
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}
