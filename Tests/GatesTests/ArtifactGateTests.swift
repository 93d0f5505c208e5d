import Documents
import Gates
import Pipeline
import Testing

@Suite struct ArtifactGateTests {
    @Test func allArtifactsPresentAndValidPass() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake)
        let verdict = await Stages.evaluate(
            intake, in: tree, changedPaths: intake.artifacts.map { $0.path(forWorkItem: 12) })
        #expect(verdict == GateVerdict(result: .pass, reasons: []))
    }

    @Test func oneMissingArtifactFailsNamingIt() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake)
        try tree.delete("docs/work-items/12/intake/personas.md")
        let verdict = await Stages.evaluate(intake, in: tree)
        #expect(verdict.result == .fail)
        let reason = try #require(verdict.reasons.first)
        #expect(verdict.reasons.count == 1)
        #expect(reason.code == .missingArtifact)
        #expect(reason.path == "docs/work-items/12/intake/personas.md")
        #expect(reason.message.contains("must produce `docs/work-items/12/intake/personas.md` (type `personas`)"))
        #expect(reason.message.contains("`doc_id`, `type`, `status`"))
    }

    @Test func invalidFrontmatterFailsWithTheLine() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake)
        try tree.write(
            "---\ndoc_id: BRF-12\ntype: brief\nstatus: [draft\n---\n", at: "docs/work-items/12/intake/brief.md")
        let verdict = await Stages.evaluate(intake, in: tree)
        #expect(verdict.result == .fail)
        let reason = try #require(verdict.reasons.first)
        #expect(reason.code == .invalidFrontmatter)
        #expect(reason.path == "docs/work-items/12/intake/brief.md")
        #expect(reason.line == 5)
        #expect(reason.description.hasPrefix("docs/work-items/12/intake/brief.md:5: "))
    }

    @Test func missingRequiredKeysAreListed() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake)
        try tree.write(
            "---\ndoc_id: SCOPE-12\ntype: scope\nstatus: draft\n---\n", at: "docs/work-items/12/intake/scope.md")
        let verdict = await Stages.evaluate(intake, in: tree)
        #expect(verdict.reasons.map(\.code) == [.missingKey, .missingKey, .missingKey])
        #expect(verdict.reasons.map { $0.message.contains("no `owner_role`") } == [true, false, false])
    }

    @Test func typeWorkItemAndStageMustMatch() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake)
        let requirement = try #require(intake.artifacts.first { $0.type == "brief" })
        try tree.write(
            tree.document(
                for: requirement, stage: .intake, extraLines: ["type: prd", "work_item: 13", "stage: vision"]),
            at: requirement.path(forWorkItem: 12))
        let verdict = await Stages.evaluate(intake, in: tree)
        #expect(verdict.result == .fail)
        #expect(verdict.reasons.map(\.code) == [.mismatchedKey, .mismatchedKey, .mismatchedKey])
        let messages = verdict.reasons.map(\.message).joined(separator: "\n")
        #expect(messages.contains("says `type: prd`, but it is required as `type: brief`"))
        #expect(messages.contains("Set `work_item: 12`"))
        #expect(messages.contains("Set `stage: intake`"))
    }

    @Test func noneGateSkipsArtifactsButNotTheWriteScope() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        var stage = try Stages.default(.intake)
        stage.gate = .none
        #expect(await Stages.evaluate(stage, in: tree).result == .pass)
        let outside = await Stages.evaluate(stage, in: tree, changedPaths: ["README.md"])
        #expect(outside.result == .fail)
        #expect(outside.reasons.map(\.code) == [.outsideWriteScope])
    }
}
