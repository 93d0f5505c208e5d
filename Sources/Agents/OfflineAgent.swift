import Foundation
import Pipeline

/// The built-in agent: writes each required document of the stage from templates and the work item's text.
///
/// No process, no network, no model. The documents carry `generated_by: {agent: offline, model: none, run_id}`,
/// and the same invocation always gives byte-identical files. Used by `conveyor simulate`, demos and pipeline
/// tests.
enum OfflineAgent {
    /// Writes `invocation.artifacts` into the work tree.
    ///
    /// A path that would land outside the work tree (absolute, `..`, or through a directory link that leaves it) is
    /// not written; the outcome is ``AgentStatus/failed(reason:)`` naming it, and nothing at all is written.
    static func run(_ invocation: AgentInvocation) throws(AgentError) -> AgentOutcome {
        let transcript = try AgentTranscript.prepare(in: invocation.logDirectory, prompt: invocation.prompt)
        var planned: [(path: String, url: URL, text: String)] = []
        for requirement in invocation.artifacts {
            let path = requirement.path(forWorkItem: invocation.workItem)
            guard let url = WorkTreePath.resolve(path, in: invocation.workDirectory) else {
                return try finish(
                    .failed(reason: "the artifact path \(path) is outside the work tree; nothing was written"),
                    written: [], transcript: transcript)
            }
            let document = OfflineDocument(
                requirement: requirement, stage: invocation.stage, workItem: invocation.workItem,
                ownerRole: invocation.ownerRole, runID: invocation.runID, text: invocation.workItemText)
            planned.append((path, url, document.rendered()))
        }
        do {
            for document in planned {
                try FileManager.default.createDirectory(
                    at: document.url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // Atomic: the file is renamed into place, so a link planted at the path is replaced, not followed.
                try Data(document.text.utf8).write(to: document.url, options: .atomic)
            }
        } catch {
            return try finish(
                .failed(reason: "could not write the documents: \(error.localizedDescription)"), written: [],
                transcript: transcript)
        }
        return try finish(.succeeded, written: planned.map(\.path), transcript: transcript)
    }

    /// Writes the transcript's stream files and builds the outcome, with a report like Claude's (no cost, no
    /// tokens, no turns).
    private static func finish(
        _ status: AgentStatus, written: [String], transcript: AgentTranscript
    ) throws(AgentError) -> AgentOutcome {
        let summary =
            status.isSuccess
            ? "Wrote \(written.count) document(s):\n" + written.map { "- \($0)\n" }.joined() : "\(status)\n"
        do {
            try Data(summary.utf8).write(to: transcript.standardOutput)
            try Data().write(to: transcript.standardError)
        } catch {
            throw AgentError(
                code: .logUnwritable,
                message: "Could not write the offline agent's transcript in \(transcript.directory.path).")
        }
        var report = AgentReport()
        report.type = "result"
        report.subtype = status.isSuccess ? "success" : "error_during_execution"
        report.isError = !status.isSuccess
        report.resultText = summary.trimmingCharacters(in: .newlines)
        report.costUSD = 0
        report.usage = .zero
        report.numTurns = 0
        report.model = "none"
        return AgentOutcome(status: status, exit: nil, report: report, transcript: transcript)
    }
}
