import Gates
import Pipeline
import Testing

@Suite struct QuestionGateTests {
    private let questionLines = [
        "questions:",
        "  - Which sign-in providers are in scope?",
        "  - {question: Is SSO required for the MVP?, answered: false}",
        "  - {question: Which locale first?, answered: true, answer: English}",
    ]

    @Test func unansweredQuestionsGiveNeedsInputWithTheQuestions() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake, extraLines: ["open-questions": questionLines])
        let verdict = await Stages.evaluate(intake, in: tree)
        #expect(verdict.result == .needsInput)
        #expect(verdict.questions == ["Which sign-in providers are in scope?", "Is SSO required for the MVP?"])
        #expect(verdict.reasons.map(\.code) == [.openQuestions])
        #expect(verdict.reasons.first?.message.contains("2 unanswered questions") == true)
    }

    @Test func answeredQuestionsPass() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(
            of: intake, extraLines: ["open-questions": ["questions: [{question: Locale?, answer: English}]"]])
        #expect(await Stages.evaluate(intake, in: tree).result == .pass)
    }

    @Test func failuresWinOverQuestions() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake, extraLines: ["open-questions": questionLines])
        try tree.delete("docs/work-items/12/intake/scope.md")
        let verdict = await Stages.evaluate(intake, in: tree)
        #expect(verdict.result == .fail)
        #expect(verdict.questions.isEmpty)
        #expect(verdict.reasons.map(\.code) == [.missingArtifact])
    }

    @Test func malformedQuestionListFails() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake, extraLines: ["open-questions": ["questions: none"]])
        let verdict = await Stages.evaluate(intake, in: tree)
        #expect(verdict.result == .fail)
        #expect(verdict.reasons.map(\.code) == [.malformedQuestions])
        #expect(verdict.reasons.first?.path == "docs/work-items/12/intake/open-questions.md")
    }

    @Test func questionsInTheBodyAreIgnored() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake)
        let path = "docs/work-items/12/intake/open-questions.md"
        let requirement = try #require(intake.artifacts.first { $0.type == "open-questions" })
        try tree.write(
            tree.document(for: requirement, stage: .intake) + "\nquestions:\n  - Is this a question?\n", at: path)
        #expect(await Stages.evaluate(intake, in: tree).result == .pass)
    }
}
