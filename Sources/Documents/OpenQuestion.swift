/// One question an agent asks the owner, as listed under `questions:` in an `open-questions` document.
///
/// The machine-readable shape, in the document's frontmatter:
///
/// ```yaml
/// questions:
///   - Which sign-in providers are in scope?        # a bare string is an unanswered question
///   - question: Is SSO required for the MVP?
///     answered: false                             # optional; false when absent
///   - question: Which locale comes first?
///     answered: true
///     answer: English
/// ```
///
/// A mapping without `answered` counts as answered when it has an `answer`.
///
/// No `questions` key, `questions: []` or `questions: null` means there are none. The Markdown body may discuss
/// the questions, but only the frontmatter counts.
public struct OpenQuestion: Sendable, Hashable {
    /// The frontmatter key that lists the questions.
    public static let frontmatterKey = "questions"

    /// The question as the owner should read it.
    public var text: String
    /// Whether the owner has answered it.
    public var answered: Bool
    /// The owner's answer, when recorded.
    public var answer: String?

    /// Creates a question.
    public init(text: String, answered: Bool = false, answer: String? = nil) {
        self.text = text
        self.answered = answered
        self.answer = answer
    }

    /// The questions listed in `frontmatter`.
    ///
    /// - Throws: ``FrontmatterError`` (`wrongType` / `missingKey`, at line 1 of `path`) when `questions` is not a
    ///   list, or an entry is neither a string nor a mapping with a `question` string and a boolean `answered`.
    public static func questions(in frontmatter: Frontmatter, path: String) throws(FrontmatterError) -> [OpenQuestion] {
        guard let value = frontmatter.value(forKey: frontmatterKey) else { return [] }
        guard case .sequence(let items) = value else {
            throw FrontmatterError(
                .wrongType, file: path, line: 1,
                "`questions` in `\(path)` is \(value.kindName); it must be a list, e.g. "
                    + "`questions: [\"Which providers are in scope?\"]`, or `questions: []` when there are none.")
        }
        var questions: [OpenQuestion] = []
        for (index, item) in items.enumerated() {
            questions.append(try question(item, number: index + 1, path: path))
        }
        return questions
    }

    /// The `questions` value for `questions`: bare strings for unanswered ones, mappings for answered ones.
    public static func value(for questions: [OpenQuestion]) -> YAMLValue {
        .sequence(
            questions.map { question in
                guard question.answered || question.answer != nil else { return .string(question.text) }
                var entries: [YAMLValue.Entry] = [
                    .init(key: "question", value: .string(question.text)),
                    .init(key: "answered", value: .bool(question.answered)),
                ]
                if let answer = question.answer { entries.append(.init(key: "answer", value: .string(answer))) }
                return .mapping(entries)
            })
    }

    private static func question(_ item: YAMLValue, number: Int, path: String) throws(FrontmatterError)
        -> OpenQuestion
    {
        let shape = "Write it as a string, or as `{question: \"…\", answered: false}`."
        switch item {
        case .string(let text):
            return OpenQuestion(text: text)
        case .mapping:
            guard case .string(let text)? = item["question"] else {
                throw FrontmatterError(
                    .missingKey, file: path, line: 1,
                    "Question \(number) in `\(path)` has no `question` text. \(shape)")
            }
            var answered = item["answer"]?.scalarText != nil
            if let flag = item["answered"], !flag.isNull {
                guard case .bool(let value) = flag else {
                    throw FrontmatterError(
                        .wrongType, file: path, line: 1,
                        "`answered` of question \(number) in `\(path)` must be `true` or `false`.")
                }
                answered = value
            }
            return OpenQuestion(text: text, answered: answered, answer: item["answer"]?.scalarText)
        default:
            throw FrontmatterError(
                .wrongType, file: path, line: 1, "Question \(number) in `\(path)` is \(item.kindName). \(shape)")
        }
    }
}
