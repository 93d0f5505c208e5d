import ConveyorTestSupport
import Documents
import Pipeline
import Testing

@Suite struct VerdictReaderTests {
    private let rule = VerdictRule(
        documentType: "test-report", field: "result", passTokens: ["pass", "ready-to-deploy"],
        failTokens: ["fail", "blocked", "red"])
    private let path = "docs/work-items/12/qa/test-report.md"

    private func reading(_ value: YAMLValue?) -> VerdictReading {
        VerdictReader.read(rule, value: value, path: path)
    }

    @Test func exactPassingTokenPasses() {
        let verdict = reading(.string("pass"))
        #expect(verdict.outcome == .pass)
        #expect(verdict.value == "pass")
        #expect(verdict.field == "result")
    }

    @Test func valueIsTrimmedAndLowercased() {
        #expect(reading(.string("PASS ")).passed)
        #expect(reading(.string("  Ready-To-Deploy\n")).passed)
    }

    @Test func rulesWrittenInCapitalsStillMatch() {
        let shouting = VerdictRule(documentType: "x", field: "verdict", passTokens: ["APPROVED"], failTokens: [])
        #expect(VerdictReader.read(shouting, value: .string("approved"), path: path).passed)
    }

    @Test func longerWordsAreNotTokens() {
        for value in ["passed", "passed_with_concerns", "pass — ready-to-deploy", "9/10 checks PASS", "bypass"] {
            let verdict = reading(.string(value))
            #expect(verdict.outcome == .fail, "\(value)")
            #expect(verdict.reason.contains("not a recognised verdict token"), "\(value)")
        }
    }

    @Test func failingTokenFailsWithoutSubstringAccidents() {
        #expect(reading(.string("BLOCKED")).reason.contains("a failing verdict"))
        // `red` is a failing token, but "coverage REQUIRED" is not `red`: it is simply unrecognised.
        #expect(reading(.string("coverage REQUIRED")).reason.contains("not a recognised verdict token"))
    }

    @Test func failingTokensWinOverPassingOnes() {
        let contradictory = VerdictRule(
            documentType: "x", field: "verdict", passTokens: ["done"], failTokens: ["done"])
        let verdict = VerdictReader.read(contradictory, value: .string("done"), path: path)
        #expect(verdict.outcome == .fail)
    }

    @Test func missingNullOrStructuredValuesFailWithAReason() {
        #expect(reading(nil).reason.contains("has no `result`"))
        #expect(reading(.null).outcome == .fail)
        #expect(reading(.sequence([.string("pass")])).reason.contains("a list, not a single token"))
        #expect(reading(.mapping([.init(key: "value", value: .string("pass"))])).outcome == .fail)
        #expect(reading(.bool(true)).outcome == .fail)
    }

    @Test func reasonsListTheTokensToUse() {
        #expect(reading(nil).reason.contains("`pass`, `ready-to-deploy` (passing) or `blocked`, `fail`, `red`"))
    }

    @Test func proseInTheBodyNeverCounts() throws {
        let scratch = try TemporaryDirectory(prefix: "verdict")
        defer { scratch.remove() }
        let text = DocumentFixtures.artifact(
            docID: "TR-1", type: "test-report", stage: "qa", extraLines: ["result: BLOCKED"],
            body: "All good: 23 passed.\n\nresult: pass\nverdict: PASS\n")
        try DocumentFixtures.write(text, to: path, in: scratch.url)
        let verdict = VerdictReader.read(rule, documentAt: path, in: scratch.url)
        #expect(verdict.outcome == .fail)
        #expect(verdict.value == "BLOCKED")
    }

    @Test func malformedOrMissingDocumentsFailWithTheirProblem() throws {
        let scratch = try TemporaryDirectory(prefix: "verdict")
        defer { scratch.remove() }
        let missing = VerdictReader.read(rule, documentAt: path, in: scratch.url)
        #expect(missing.outcome == .fail)
        #expect(missing.reason.contains("could not be read"))

        try DocumentFixtures.write("---\n- result\n- pass\n---\n", to: path, in: scratch.url)
        let notAMapping = VerdictReader.read(rule, documentAt: path, in: scratch.url)
        #expect(notAMapping.outcome == .fail)
        #expect(notAMapping.reason.contains("line 2"))

        try DocumentFixtures.write("result: pass\n", to: path, in: scratch.url)
        #expect(VerdictReader.read(rule, documentAt: path, in: scratch.url).reason.contains("no YAML frontmatter"))
    }
}
