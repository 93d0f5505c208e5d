import ConveyorTestSupport
import Foundation
import Testing

/// A `command` agent for the failure-mode scenarios: a shell script that optionally keeps a copy of its prompt,
/// then writes the six intake artifacts (with `questions` in the open-questions file) or fails as told.
struct ScriptedAgent {
    /// What the script does after copying its prompt.
    enum Behaviour {
        /// Writes the six artifacts; the open-questions file lists these questions.
        case writeArtifacts(questions: [String])
        /// Writes nothing and exits 0 (the gate then fails on the missing files).
        case writeNothing
        /// Exits with this status.
        case exit(Int)
    }

    let script: URL
    let promptCopy: URL

    /// Writes the script into `world`'s scratch directory under `name`.
    init(_ behaviour: Behaviour, in world: RunWorld, name: String = "agent") throws {
        script = world.scratch.appending("\(name).sh")
        promptCopy = world.scratch.appending("\(name)-prompt.md")
        var lines = ["cp \"$1\" '\(promptCopy.path)'"]
        switch behaviour {
        case .writeArtifacts(let questions): lines += Self.artifactLines(questions: questions)
        case .writeNothing: lines.append("exit 0")
        case .exit(let status): lines.append("exit \(status)")
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: script)
    }

    /// The variables that make `conveyor run` use this agent.
    var variables: [String: String] {
        ["CONVEYOR_AGENT": "command", "CONVEYOR_AGENT_COMMAND": "sh \(script.path) {prompt_file}"]
    }

    /// The prompt the agent was given, as it read it.
    func prompt() throws -> String {
        try String(contentsOf: promptCopy, encoding: .utf8)
    }

    private static func artifactLines(questions: [String]) -> [String] {
        let listed =
            questions.isEmpty
            ? "questions: []\n"
            : "questions:\n" + questions.map { "  - '\($0.replacingOccurrences(of: "'", with: "''"))'\n" }.joined()
        var lines = ["mkdir -p docs/work-items/1/intake"]
        for type in RunWorld.intakeTypes {
            lines.append(
                """
                cat > docs/work-items/1/intake/\(type).md <<'CONVEYOR_DOC'
                ---
                doc_id: WI-1-\(type)
                type: \(type)
                status: draft
                owner_role: pm
                stage: intake
                work_item: 1
                \(type == "open-questions" ? listed : "")---
                # \(type)
                CONVEYOR_DOC
                """)
        }
        return lines
    }
}

extension RunWorld {
    /// Variables for a second job on the same event: another Actions run id, and Conveyor's comment identity named
    /// (the fake forge writes comments as the repository owner, which is not a default Conveyor login).
    var nextJob: [String: String] {
        ["GITHUB_RUN_ID": "4243", "CONVEYOR_SELF_LOGIN": forge.owner]
    }

    /// The status comments on issue 1 (comments carrying Conveyor's marker).
    func statusComments() async -> [String] {
        await forge.comments(issue: 1).map(\.body).filter { $0.contains("<!-- conveyor:status:1 -->") }
    }

    /// `conveyor state runs --format json`, decoded to one object per run.
    func recordedRuns() async throws -> [[String: Any]] {
        let runs = try await conveyor(["state", "runs", "--format", "json"])
        guard runs.status == 0, !runs.stdout.isEmpty else { return [] }
        let object = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8))
        return object as? [[String: Any]] ?? (object as? [String: Any])?["runs"] as? [[String: Any]] ?? []
    }
}
