import Foundation

extension AgentTranscript {
    /// Creates `directory` and writes `prompt` to its prompt file; the stream files are created when the agent starts.
    ///
    /// - Throws: ``AgentError/Code/logUnwritable`` naming the directory.
    static func prepare(in directory: URL, prompt: String, withResultFile: Bool = false) throws(AgentError)
        -> AgentTranscript
    {
        let transcript = AgentTranscript(directory: directory, withResultFile: withResultFile)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(prompt.utf8).write(to: transcript.promptFile)
            if let resultFile = transcript.resultFile, FileManager.default.fileExists(atPath: resultFile.path) {
                try FileManager.default.removeItem(at: resultFile)
            }
        } catch {
            throw AgentError(
                code: .logUnwritable,
                message: "Could not write the agent transcript in \(directory.path) (\(error.localizedDescription)). "
                    + "Check that the log directory is writable.")
        }
        return transcript
    }

    /// The text of `file`, or an empty string when it is missing or unreadable.
    static func text(of file: URL) -> String {
        (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }
}

extension AgentTranscript {
    /// The file Claude Code's session is copied to (`session.jsonl`): every message and tool call of the run.
    public var claudeSession: URL { directory.appendingPathComponent("session.jsonl") }

    /// Claude Code's debug log (`claude-debug.log`), written by the CLI itself on a verbose run (`--debug-file`).
    public var claudeDebugLog: URL { directory.appendingPathComponent("claude-debug.log") }

    /// Copies Claude Code's own record of session `sessionID` (`<home>/.claude/projects/<work tree>/<id>.jsonl`)
    /// into the transcript as ``claudeSession``, so the transcript shows what the agent did, not only its result.
    /// Does nothing when the CLI kept no such file.
    func keepClaudeSession(_ sessionID: String, home: String?) {
        guard let home, !sessionID.isEmpty, !sessionID.contains("/") else { return }
        let projects = URL(fileURLWithPath: home).appendingPathComponent(".claude/projects", isDirectory: true)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: projects.path)) ?? []
        for folder in folders {
            let session = projects.appendingPathComponent(folder).appendingPathComponent("\(sessionID).jsonl")
            guard FileManager.default.fileExists(atPath: session.path) else { continue }
            try? FileManager.default.removeItem(at: claudeSession)
            try? FileManager.default.copyItem(at: session, to: claudeSession)
            return
        }
    }
}
