import Foundation

/// Finds an agent's program the way a shell would, but on the *scrubbed* environment's `PATH`.
enum ExecutableLocator {
    /// The absolute URL of `program`: itself when it contains a `/` (relative paths resolve against
    /// `workDirectory`), else the first executable file of that name in `environment["PATH"]`.
    ///
    /// - Throws: ``AgentError/Code/executableNotFound`` naming the program, the `PATH` searched and `hint`.
    static func locate(
        _ program: String, environment: [String: String], workDirectory: URL, hint: String
    ) throws(AgentError) -> URL {
        let manager = FileManager.default
        if program.contains("/") {
            let url =
                program.hasPrefix("/")
                ? URL(fileURLWithPath: program) : workDirectory.appendingPathComponent(program)
            guard manager.isExecutableFile(atPath: url.path) else {
                throw AgentError(
                    code: .executableNotFound, message: "There is no executable program at \(url.path). \(hint)")
            }
            return url
        }
        let searchPath = environment["PATH"] ?? ""
        for folder in searchPath.split(separator: ":") where folder.hasPrefix("/") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(program)
            if manager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw AgentError(
            code: .executableNotFound,
            message: "`\(program)` is not on the agent's PATH (\(searchPath.isEmpty ? "empty" : searchPath)). \(hint)")
    }
}
