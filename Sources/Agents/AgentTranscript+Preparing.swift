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
