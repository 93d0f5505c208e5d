import Foundation

/// The test corpus kept in the repository, `<package root>/Tests/Fixtures/corpus`. (ActionsTests does not depend
/// on ConveyorTestSupport, whose `Corpus` finds the same folder.)
enum Corpus {
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // ActionsTests
            .deletingLastPathComponent()  // Tests
            .appendingPathComponent("Fixtures/corpus", isDirectory: true)
    }

    /// The act_runner v0.2.3 environment dump as a dictionary.
    static func giteaEnvironmentDump() throws -> [String: String] {
        let url = directory.appendingPathComponent("gitea-events/actions-env-dump.gitea-act_runner-v0.2.3.txt")
        return EnvironmentDump.parse(try String(contentsOf: url, encoding: .utf8))
    }
}

/// Parses `KEY=value` lines, skipping blank lines and `#` comments; the value is everything after the
/// first `=` (possibly empty).
enum EnvironmentDump {
    static func parse(_ text: String) -> [String: String] {
        var variables: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            variables[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return variables
    }
}

/// A GitHub-hosted job's environment, with the example values GitHub documents for its default variables.
enum GitHubSample {
    static let environment: [String: String] = [
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_ACTOR": "octocat",
        "GITHUB_API_URL": "https://api.github.com",
        "GITHUB_GRAPHQL_URL": "https://api.github.com/graphql",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_EVENT_NAME": "issues",
        "GITHUB_EVENT_PATH": "/github/workflow/event.json",
        "GITHUB_REF": "refs/heads/main",
        "GITHUB_REPOSITORY": "octocat/Hello-World",
        "GITHUB_RUN_ID": "1658821493",
        "GITHUB_RUN_ATTEMPT": "1",
        "GITHUB_WORKSPACE": "/home/runner/work/repo/repo",
        "GITHUB_OUTPUT": "/home/runner/work/_temp/_runner_file_commands/set_output_1",
        "GITHUB_STEP_SUMMARY": "/home/runner/work/_temp/_runner_file_commands/step_summary_1",
        "RUNNER_OS": "Linux",
        "RUNNER_TEMP": "/home/runner/work/_temp",
    ]

    /// The sample with `changes` laid over it; an empty string removes nothing but reads as absent.
    static func with(_ changes: [String: String]) -> [String: String] {
        environment.merging(changes) { _, new in new }
    }
}

/// Reads a `GITHUB_OUTPUT` file the way the runner does: `name=value` lines, and `name<<DELIMITER`
/// blocks that end at a line equal to the delimiter.
enum OutputFileParser {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> [(name: String, value: String)] {
        var entries: [(name: String, value: String)] = []
        var lines = text.components(separatedBy: "\n")[...]
        if lines.last == "" { lines = lines.dropLast() }
        while let line = lines.popFirst() {
            let equals = line.range(of: "=")
            if let heredoc = line.range(of: "<<"), equals.map({ heredoc.lowerBound < $0.lowerBound }) ?? true {
                let delimiter = String(line[heredoc.upperBound...])
                var value: [String] = []
                while true {
                    guard let next = lines.popFirst() else { throw Malformed(description: "no end for \(line)") }
                    if next == delimiter { break }
                    value.append(next)
                }
                entries.append((String(line[..<heredoc.lowerBound]), value.joined(separator: "\n")))
            } else if let equals {
                entries.append((String(line[..<equals.lowerBound]), String(line[equals.upperBound...])))
            } else {
                throw Malformed(description: "not an output line: \(line)")
            }
        }
        return entries
    }
}

/// A fresh directory under the system temporary folder. (ActionsTests does not depend on
/// ConveyorTestSupport, whose `TemporaryDirectory` does the same.)
struct ScratchDirectory {
    let url: URL

    init(prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func appending(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
