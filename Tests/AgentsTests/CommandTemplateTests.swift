import Testing

@testable import Agents

/// Command templates and the Claude command line.
@Suite("Command lines")
struct CommandTemplateTests {
    @Test("A template line splits like a shell would, without expanding anything")
    func splitting() throws {
        let template = try CommandTemplate(
            parsing: #"my-agent --prompt {prompt_file} --note 'two words' "a \"quoted\" $HOME" --out={output_file}"#)
        #expect(
            template.arguments == [
                "my-agent", "--prompt", "{prompt_file}", "--note", "two words", #"a "quoted" $HOME"#,
                "--out={output_file}",
            ])
        #expect(template.resultSource == .outputFile)
        #expect(
            template.rendered(promptFile: "/l/prompt.md", workDirectory: "/w", outputFile: "/l/result.json")
                == [
                    "my-agent", "--prompt", "/l/prompt.md", "--note", "two words", #"a "quoted" $HOME"#,
                    "--out=/l/result.json",
                ])
    }

    @Test("Without {output_file} only the exit status counts; bad templates are refused")
    func resultSources() throws {
        #expect(try CommandTemplate(parsing: "agent {work_dir}").resultSource == .exitStatus)
        #expect(try CommandTemplate(parsing: "agent", resultSource: .standardOutput).resultSource == .standardOutput)
        #expect(throws: AgentError.self) { try CommandTemplate(parsing: "   ") }
        #expect(throws: AgentError.self) { try CommandTemplate(parsing: "agent 'unclosed") }
        #expect(throws: AgentError.self) { try CommandTemplate(parsing: "agent", resultSource: .outputFile) }
    }

    @Test("Claude runs in print mode with JSON output, file tools only, restricted, and no permission skipping")
    func claudeArguments() throws {
        let arguments = try ClaudeCommandLine.arguments(
            model: "claude-sonnet-4-5", maxTurns: 12, skipPermissionChecks: false, runningAsRoot: true)
        #expect(
            arguments == [
                "-p", "--output-format", "json", "--restricted", "--permission-mode", "acceptEdits", "--tools",
                "Read,Write,Edit,Glob,Grep", "--allowedTools", "Read,Write,Edit,Glob,Grep", "--model",
                "claude-sonnet-4-5", "--max-turns", "12",
            ])
        #expect(!arguments.contains("--dangerously-skip-permissions"))
    }

    @Test("Skipping permission checks is refused as root and only passed through for another user")
    func skipPermissions() throws {
        let error = #expect(throws: AgentError.self) {
            try ClaudeCommandLine.arguments(model: nil, maxTurns: nil, skipPermissionChecks: true, runningAsRoot: true)
        }
        #expect(error?.code == .unsafeAsRoot)
        let arguments = try ClaudeCommandLine.arguments(
            model: nil, maxTurns: nil, skipPermissionChecks: true, runningAsRoot: false)
        #expect(arguments.contains("--dangerously-skip-permissions"))
        // The CLI rejects bypassPermissions together with --restricted.
        #expect(!arguments.contains("--restricted") && !arguments.contains("--permission-mode"))
    }
}
