import Documents
import Testing

@Suite struct OpenQuestionTests {
    private func frontmatter(_ questions: YAMLValue?) -> Frontmatter {
        var frontmatter = Frontmatter(docID: "OQ-12", type: "open-questions", status: .draft)
        frontmatter.extra["questions"] = questions
        return frontmatter
    }

    @Test func stringsAreUnansweredAndMappingsSayWhetherTheyAreAnswered() throws {
        let questions = try OpenQuestion.questions(
            in: frontmatter(
                .sequence([
                    .string("Which providers?"),
                    .mapping([
                        .init(key: "question", value: .string("SSO?")), .init(key: "answered", value: .bool(false)),
                    ]),
                    .mapping([
                        .init(key: "question", value: .string("Locale?")), .init(key: "answer", value: .string("en")),
                    ]),
                ])), path: "oq.md")
        #expect(questions.map(\.text) == ["Which providers?", "SSO?", "Locale?"])
        #expect(questions.map(\.answered) == [false, false, true])
        #expect(questions[2].answer == "en")
    }

    @Test func absentOrEmptyMeansNone() throws {
        #expect(try OpenQuestion.questions(in: frontmatter(nil), path: "oq.md").isEmpty)
        #expect(try OpenQuestion.questions(in: frontmatter(.null), path: "oq.md").isEmpty)
        #expect(try OpenQuestion.questions(in: frontmatter(.sequence([])), path: "oq.md").isEmpty)
    }

    @Test func malformedListsAreRejectedWithTheFix() {
        let notAList = #expect(throws: FrontmatterError.self) {
            try OpenQuestion.questions(in: frontmatter(.string("none")), path: "oq.md")
        }
        #expect(notAList?.problems.first?.message.contains("must be a list") == true)
        let noText = #expect(throws: FrontmatterError.self) {
            try OpenQuestion.questions(
                in: frontmatter(.sequence([.mapping([.init(key: "answered", value: .bool(false))])])), path: "oq.md")
        }
        #expect(noText?.problems.first?.code == .missingKey)
        let badFlag = #expect(throws: FrontmatterError.self) {
            try OpenQuestion.questions(
                in: frontmatter(
                    .sequence([
                        .mapping([
                            .init(key: "question", value: .string("Q")),
                            .init(key: "answered", value: .string("no way")),
                        ])
                    ])), path: "oq.md")
        }
        #expect(badFlag?.problems.first?.code == .wrongType)
    }

    @Test func writtenQuestionsReadBack() throws {
        let questions = [
            OpenQuestion(text: "Which providers?"), OpenQuestion(text: "Locale?", answered: true, answer: "en"),
        ]
        let read = try OpenQuestion.questions(in: frontmatter(OpenQuestion.value(for: questions)), path: "oq.md")
        #expect(read == questions)
    }
}
