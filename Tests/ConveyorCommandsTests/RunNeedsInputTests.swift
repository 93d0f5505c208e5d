import ConveyorTestSupport
import Foundation
import Testing

/// An agent that lists open questions: the stage ends `needs_input`, with the `need:input` label and the
/// questions in the status comment.
@Suite struct RunNeedsInputTests {
    /// A shell script that writes the six intake artifacts, the open questions in the last one's frontmatter.
    private static let script: String = {
        let files = RunWorld.intakeTypes.map { type in
            let questions = type == "open-questions" ? "questions:\n  - Which page sizes do we need?\n" : ""
            return """
                cat > docs/work-items/1/intake/\(type).md <<'DOC'
                ---
                doc_id: WI-1-\(type)
                type: \(type)
                status: draft
                owner_role: pm
                stage: intake
                work_item: 1
                \(questions)---
                # \(type)
                DOC
                """
        }
        return (["mkdir -p docs/work-items/1/intake"] + files).joined(separator: "\n") + "\n"
    }()

    @Test func openQuestionsAskTheOwnerThroughTheLabelAndTheComment() async throws {
        try await RunWorld.with { world in
            let script = world.scratch.appending("agent.sh")
            try Data(Self.script.utf8).write(to: script)
            let run = try await world.conveyor(
                ["run"], ["CONVEYOR_AGENT": "command", "CONVEYOR_AGENT_COMMAND": "sh \(script.path)"])
            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            let body = try #require(await world.forge.comments(issue: 1).first?.body)
            #expect(body.contains("gate verdict `needs_input`"), "\(body)")
            #expect(body.contains("1. Which page sizes do we need?"), "\(body)")
            let labels = await world.forge.labels(issue: 1)
            #expect(labels.contains("need:input"))
            #expect(!labels.contains("run:intake"))
            let outputs = try String(contentsOf: world.outputFile, encoding: .utf8)
            #expect(outputs.contains("needs_input"))
        }
    }
}
