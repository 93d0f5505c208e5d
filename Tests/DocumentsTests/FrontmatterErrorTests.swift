import ConveyorTestSupport
import Documents
import Testing

@Suite struct FrontmatterErrorTests {
    private let path = "docs/work-items/12/intake/brief.md"

    /// The problems reported for `text`, failing the test when it is accepted.
    private func problems(_ text: String) -> [FrontmatterProblem] {
        do {
            let document = try ArtifactDocument.parse(text, path: path)
            Issue.record("accepted: \(document)")
            return []
        } catch {
            #expect(error.problems.allSatisfy { $0.file == path })
            return error.problems
        }
    }

    private func single(_ text: String) throws -> FrontmatterProblem {
        let found = problems(text)
        #expect(found.count == 1, "\(found)")
        return try #require(found.first)
    }

    @Test func fileWithoutFrontmatter() throws {
        let problem = try single("# Brief\n\ndoc_id: X\n")
        #expect(problem.code == .noFrontmatter)
        #expect(problem.line == 1)
        #expect(problem.message.contains("Begin the file with a line `---`"))
    }

    @Test func emptyFileHasNoFrontmatter() throws {
        #expect(try single("").code == .noFrontmatter)
    }

    @Test func unterminatedBlock() throws {
        let problem = try single("---\ndoc_id: X\ntype: brief\nstatus: draft\n# Body without a closing line\n")
        #expect(problem.code == .unterminated)
        #expect(problem.line == 1)
        #expect(problem.message.contains("Add a line `---`"))
    }

    @Test func badYAMLIsLocatedOnTheFileLine() throws {
        let problem = try single("---\ndoc_id: X\ntype: brief\nstatus: [draft\nowner_role: pm\n---\n")
        #expect(problem.code == .invalidYAML)
        #expect(problem.line == 5)
        #expect(problem.description.hasPrefix("\(path):5: error: "))
    }

    @Test func duplicatedKeysAreInvalidYAML() throws {
        let problem = try single("---\ndoc_id: X\ntype: brief\nstatus: draft\ndoc_id: Y\n---\n")
        #expect(problem.code == .invalidYAML)
        #expect(problem.message.contains("doc_id"))
    }

    @Test func aliasBombIsRejectedQuickly() throws {
        var lines = ["---", "doc_id: X", "type: brief", "status: draft", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            let aliases = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("l\(level): &l\(level) [\(aliases)]")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let problem = try single((lines + ["---"]).joined(separator: "\n"))
        #expect(clock.now - start < .seconds(20), "an unbounded expansion would take far longer")
        #expect(problem.code == .invalidValue)
        #expect(problem.message.contains("more than 10000 values"))
    }

    @Test func frontmatterThatIsAListIsNotAMapping() throws {
        let problem = try single("---\n- a\n- b\n---\n")
        #expect(problem.code == .notAMapping)
        #expect(problem.line == 2)
        #expect(problem.message.contains("a list"))
    }

    @Test func frontmatterThatIsAPlainStringIsNotAMapping() throws {
        #expect(try single("---\njust words\n---\n").code == .notAMapping)
    }

    @Test func missingRequiredKeysAreEachReported() {
        let found = problems("---\ntype: brief\nowner_role: pm\n---\n")
        #expect(found.map(\.code) == [.missingKey, .missingKey])
        #expect(found.map(\.line) == [1, 1])
        #expect(found.contains { $0.message.contains("`doc_id`") })
        #expect(found.contains { $0.message.contains("`status`") })
    }

    @Test func emptyBlockMissesEveryIdentityKey() {
        #expect(problems("---\n---\nBody\n").count == 3)
    }

    @Test func wrongTypesAreLocated() {
        let found = problems(
            "---\ndoc_id: X\ntype: brief\nstatus: draft\nwork_item: twelve\nrelated_issues: ['#12']\n"
                + "owner_role: [pm, sa]\n---\n")
        #expect(found.map(\.code) == [.wrongType, .wrongType, .wrongType])
        #expect(found.map(\.line) == [5, 6, 7])
        #expect(found[0].message.contains("`work_item` in `\(path)` must be a whole number"))
        #expect(found[1].message.contains("without `#`"))
        #expect(found[2].message.contains("a list"))
    }

    @Test func unknownStatusTokenListsTheAllowedOnes() throws {
        let problem = try single("---\ndoc_id: X\ntype: brief\nstatus: PASSED\n---\n")
        #expect(problem.code == .unknownStatus)
        #expect(problem.line == 4)
        #expect(problem.message.contains("draft, in-review, approved, superseded, abandoned, obsolete"))
    }

    @Test func statusTokensAreCaseSensitive() throws {
        #expect(try single("---\ndoc_id: X\ntype: brief\nstatus: Approved\n---\n").code == .unknownStatus)
    }

    @Test func unknownStageIsAnInvalidValue() throws {
        let problem = try single("---\ndoc_id: X\ntype: brief\nstatus: draft\nstage: intak\n---\n")
        #expect(problem.code == .invalidValue)
        #expect(problem.line == 5)
        #expect(problem.message.contains("intake, vision"))
    }

    @Test func unreadableFileNamesThePath() throws {
        let scratch = try TemporaryDirectory(prefix: "frontmatter")
        defer { scratch.remove() }
        let error = #expect(throws: FrontmatterError.self) {
            try ArtifactDocument.read(path: "docs/missing.md", in: scratch.url)
        }
        #expect(error?.problems.map(\.code) == [.unreadable])
        #expect(error?.description.hasPrefix("docs/missing.md:1: error: `docs/missing.md` could not be read") == true)
    }
}
