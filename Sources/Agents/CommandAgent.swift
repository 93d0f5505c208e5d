import Actions
import Foundation

/// Runs any agent CLI through a ``CommandTemplate`` and judges it by its exit status and, when the template asks
/// for one, its JSON result.
enum CommandAgent {
    /// Runs `invocation` with its command template.
    static func run(_ invocation: AgentInvocation) async throws(AgentError) -> AgentOutcome {
        guard let template = invocation.commandTemplate else {
            throw AgentError(
                code: .invalidInvocation,
                message: "The `command` agent needs a command template (e.g. `my-agent --prompt {prompt_file}`); "
                    + "none is configured for stage \(invocation.stage).")
        }
        let scrubbed = ChildEnvironment(
            for: ChildEnvironment.commandAgent, allowing: invocation.allowedCredentials,
            withholdingValues: invocation.withheldSecrets
        ).scrub(invocation.environment)
        let transcript = try AgentTranscript.prepare(
            in: invocation.logDirectory, prompt: invocation.prompt, withResultFile: template.resultSource == .outputFile
        )
        let resultFile = transcript.resultFile ?? transcript.directory.appendingPathComponent("result.json")
        let rendered = template.rendered(
            promptFile: transcript.promptFile.path, workDirectory: invocation.workDirectory.path,
            outputFile: resultFile.path)
        guard let program = rendered.first else {
            throw AgentError(code: .invalidTemplate, message: "The agent command template is empty; name a program.")
        }
        let executable = try ExecutableLocator.locate(
            program, environment: scrubbed.kept, workDirectory: invocation.workDirectory,
            hint: "Check the agent command template of stage \(invocation.stage).")
        let exit = try await ProcessGroupRunner.run(
            ProcessLaunch(
                executable: executable, arguments: Array(rendered.dropFirst()),
                environment: scrubbed.kept.merging(invocation.verboseVariables) { $1 },
                workingDirectory: invocation.workDirectory, standardInput: transcript.promptFile,
                standardOutput: transcript.standardOutput, standardError: transcript.standardError,
                timeout: invocation.timeout, terminationGrace: invocation.terminationGrace))
        let parsed = report(for: template.resultSource, transcript: transcript, resultFile: resultFile)
        return AgentOutcome(
            status: AgentStatus.judge(exit, report: parsed), exit: exit, report: try? parsed?.get(),
            transcript: transcript, withheldVariables: scrubbed.removed)
    }

    /// The parsed result the template asks for, or nil when only the exit status counts.
    private static func report(
        for source: CommandTemplate.ResultSource, transcript: AgentTranscript, resultFile: URL
    ) -> Result<AgentReport, InvalidAgentOutput>? {
        switch source {
        case .exitStatus:
            return nil
        case .standardOutput:
            return AgentReport.parse(AgentTranscript.text(of: transcript.standardOutput))
        case .outputFile:
            guard FileManager.default.fileExists(atPath: resultFile.path) else {
                return .failure(InvalidAgentOutput(reason: "the agent wrote no result file at \(resultFile.path)"))
            }
            return AgentReport.parse(AgentTranscript.text(of: resultFile)).mapError { invalid in
                InvalidAgentOutput(reason: "result file \(resultFile.lastPathComponent): \(invalid.reason)")
            }
        }
    }
}
