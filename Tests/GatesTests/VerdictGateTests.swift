import Gates
import Pipeline
import Testing

@Suite struct VerdictGateTests {
    private func audit(verdict: String?) async throws -> GateVerdict {
        let tree = try WorkTree()
        defer { tree.remove() }
        let stage = try Stages.default(.docAudit)
        let lines = verdict.map { ["verdict: \($0)"] } ?? []
        try tree.writeArtifacts(of: stage, extraLines: ["audit-report": lines])
        return await Stages.evaluate(stage, in: tree)
    }

    @Test func passingTokenPasses() async throws {
        #expect(try await audit(verdict: "PASS").result == .pass)
    }

    @Test func failingTokenFailsWithTheValue() async throws {
        let verdict = try await audit(verdict: "changes-requested")
        #expect(verdict.result == .fail)
        #expect(verdict.reasons.map(\.code) == [.verdictFailed])
        #expect(verdict.reasons.first?.path == "docs/work-items/12/doc-audit/audit-report.md")
        #expect(verdict.reasons.first?.message.contains("`verdict: changes-requested`, a failing verdict") == true)
    }

    @Test func nearMissesFail() async throws {
        for value in ["passed", "passed_with_concerns", "'9/10 checks PASS'"] {
            #expect(try await audit(verdict: value).result == .fail, "\(value)")
        }
    }

    @Test func missingVerdictFailsOnceAsAMissingKey() async throws {
        let verdict = try await audit(verdict: nil)
        #expect(verdict.result == .fail)
        #expect(verdict.reasons.map(\.code) == [.missingKey])
        #expect(verdict.reasons.first?.message.contains("has no `verdict`") == true)
    }

    @Test func nullVerdictCountsAsMissing() async throws {
        #expect(try await audit(verdict: "null").reasons.map(\.code) == [.missingKey])
    }

    @Test func verdictFromAMissingDocumentSaysWhereItWouldComeFrom() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let stage = try Stages.default(.docAudit)
        let verdict = await Stages.evaluate(stage, in: tree)
        #expect(verdict.reasons.map(\.code) == [.missingArtifact, .verdictFailed])
        #expect(verdict.reasons.last?.message.contains("takes its verdict from `verdict` of") == true)
    }

    @Test func verdictDocumentOutsideTheStageArtifactsIsFoundByType() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let rule = VerdictRule(documentType: "security-review", field: "result", passTokens: ["pass"], failTokens: [])
        var stage = try Stages.default(.intake)
        stage.gate = .verdict(rule)
        try tree.writeArtifacts(of: stage)
        let missing = await Stages.evaluate(stage, in: tree)
        #expect(missing.reasons.first?.message.contains("has none with valid frontmatter") == true)

        let review = "---\ndoc_id: SEC-1\ntype: security-review\nstatus: draft\nresult: pass\n---\n"
        try tree.write(review, at: "docs/work-items/12/reviews/security.md")
        #expect(await Stages.evaluate(stage, in: tree).result == .pass)

        try tree.write(review, at: "docs/work-items/12/reviews/security-2.md")
        let ambiguous = await Stages.evaluate(stage, in: tree)
        #expect(ambiguous.reasons.first?.message.contains("Mark the older ones `status: superseded`") == true)
    }

    /// Failure mode 2 of the old orchestrator: a producer writes a key its gate does not read. Every verdict gate
    /// of the default pipeline must pass a minimal document that sets its field to a passing token.
    @Test(arguments: Pipeline.default.stages.filter { $0.gate.kind == .verdict })
    func everyDefaultVerdictGatePassesACompliantDocument(stage: StageDefinition) async throws {
        guard case .verdict(let rule) = stage.gate else { return }
        let requirement = try #require(stage.artifacts.first { $0.type == rule.documentType })
        #expect(requirement.requiredKeys.contains(rule.field))
        let tree = try WorkTree()
        defer { tree.remove() }
        let token = try #require(rule.passTokens.sorted().first)
        try tree.writeArtifacts(of: stage, extraLines: [rule.documentType: ["\(rule.field): \(token)"]])
        #expect(await Stages.evaluate(stage, in: tree).result == .pass)
    }
}
