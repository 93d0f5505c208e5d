/// A document whose frontmatter was rejected, with every problem found.
public struct FrontmatterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem, in line order.
    public let problems: [FrontmatterProblem]

    /// Creates an error from at least one problem.
    public init(problems: [FrontmatterProblem]) {
        self.problems = problems
    }

    /// An error with the single problem described.
    init(_ code: FrontmatterProblem.Code, file: String, line: Int, _ message: String) {
        self.init(problems: [FrontmatterProblem(code: code, file: file, line: line, message: message)])
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
