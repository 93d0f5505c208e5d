import Foundation
import Synchronization
import Testing

@testable import Actions

@Suite struct ActionsOutputTests {
    static let values: [(String, String)] = [
        ("stage", "intake"),
        ("empty", ""),
        ("unicode", "Ünïcødé ✓ — \u{1F680}"),
        ("equals_and_heredoc", "a=b<<c"),
        ("multi-line", "line 1\nline 2\n\nline 4"),
        ("trailing_newline", "ends here\n"),
        ("only_newline", "\n"),
        ("looks_like_a_delimiter", "EOF\nghadelimiter_\nname<<EOF"),
    ]

    @Test func outputsRoundTripThroughTheRunnerFormat() throws {
        let scratch = try ScratchDirectory(prefix: "actions-output")
        defer { scratch.remove() }
        let file = scratch.appending("output")
        let output = ActionsOutput(outputFile: file, summaryFile: nil)

        for (name, value) in Self.values {
            #expect(try output.setOutput(name, to: value))
        }

        let parsed = try OutputFileParser.parse(try String(contentsOf: file, encoding: .utf8))
        #expect(parsed.map(\.name) == Self.values.map(\.0))
        #expect(parsed.map(\.value) == Self.values.map(\.1))
    }

    @Test func singleLineValuesUseTheShortFormAndMultiLineOnesAHeredoc() throws {
        let output = ActionsOutput(
            outputFile: nil, summaryFile: nil, writeLine: { _ in }, makeDelimiter: { "ghadelimiter_fixed" })
        #expect(try output.outputEntry(name: "verdict", value: "pass") == "verdict=pass\n")
        #expect(
            try output.outputEntry(name: "body", value: "a\nb")
                == "body<<ghadelimiter_fixed\na\nb\nghadelimiter_fixed\n")
    }

    @Test func aDelimiterFoundInTheValueIsReplacedByAFreshOne() throws {
        let candidates = Mutex(["EOF", "ghadelimiter_2"])
        let output = ActionsOutput(
            outputFile: nil, summaryFile: nil, writeLine: { _ in },
            makeDelimiter: { candidates.withLock { $0.removeFirst() } })

        let entry = try output.outputEntry(name: "notes", value: "first\nEOF\nlast")

        #expect(entry == "notes<<ghadelimiter_2\nfirst\nEOF\nlast\nghadelimiter_2\n")
    }

    @Test func delimiterThatAlwaysCollidesFailsWithoutWriting() throws {
        let scratch = try ScratchDirectory(prefix: "actions-output")
        defer { scratch.remove() }
        let file = scratch.appending("output")
        let output = ActionsOutput(outputFile: file, summaryFile: nil, writeLine: { _ in }, makeDelimiter: { "EOF" })

        let error = #expect(throws: ActionsOutputError.self) { try output.setOutput("notes", to: "a\nEOF") }

        #expect(error?.code == .delimiterCollision)
        #expect(error?.message.contains("notes") == true)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test(arguments: ["", "1st", "a=b", "a<<b", "two words", "line\nbreak", "naïve"])
    func invalidOutputNamesAreRefused(name: String) throws {
        let scratch = try ScratchDirectory(prefix: "actions-output")
        defer { scratch.remove() }
        let file = scratch.appending("output")
        let output = ActionsOutput(outputFile: file, summaryFile: nil)

        let error = #expect(throws: ActionsOutputError.self) { try output.setOutput(name, to: "value") }

        #expect(error?.code == .invalidName)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func withoutRunnerFilesNothingIsWritten() throws {
        let output = ActionsOutput(environment: ActionsEnvironment([:]))
        #expect(try output.setOutput("stage", to: "intake") == false)
        #expect(try output.appendSummary("# Title") == false)
    }

    @Test func summaryIsAppendedLineByLine() throws {
        let scratch = try ScratchDirectory(prefix: "actions-summary")
        defer { scratch.remove() }
        let file = scratch.appending("summary")
        try Data("existing\n".utf8).write(to: file)
        let environment = ActionsEnvironment(["GITHUB_STEP_SUMMARY": file.path])
        let output = ActionsOutput(environment: environment)

        #expect(try output.appendSummary("## Stage intake"))
        #expect(try output.appendSummary("| check | verdict |\n|---|---|\n| frontmatter | pass |\n"))

        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == "existing\n## Stage intake\n| check | verdict |\n|---|---|\n| frontmatter | pass |\n")
    }

    @Test func unwritableFileIsAnIOErrorNamingIt() throws {
        let scratch = try ScratchDirectory(prefix: "actions-output")
        defer { scratch.remove() }
        let file = scratch.appending("missing-dir").appendingPathComponent("output")
        let output = ActionsOutput(outputFile: file, summaryFile: nil)

        let error = #expect(throws: ActionsOutputError.self) { try output.setOutput("stage", to: "secret-ish") }

        #expect(error?.code == .io)
        #expect(error?.message.contains(file.path) == true)
        #expect(error?.message.contains("secret-ish") == false)
    }

    @Test func commandsGoToTheLineWriter() {
        let lines = Mutex<[String]>([])
        let output = ActionsOutput(outputFile: nil, summaryFile: nil) { line in lines.withLock { $0.append(line) } }

        output.issue(.group("Agent output"))
        output.issue(.debug("turn 1"))
        output.issue(.endGroup)

        #expect(lines.withLock { $0 } == ["::group::Agent output", "::debug::turn 1", "::endgroup::"])
    }
}
