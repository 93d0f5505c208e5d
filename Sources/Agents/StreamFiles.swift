import Foundation
import SystemPackage

/// The open files a launched agent uses as standard input, output and error.
///
/// They are handed to swift-subprocess with `closeAfterSpawningProcess: true`, which then owns and closes them.
struct StreamFiles: Sendable {
    let input: FileDescriptor
    let output: FileDescriptor
    let error: FileDescriptor

    /// Opens `launch`'s input for reading and creates (or truncates) its output and error files.
    init(_ launch: ProcessLaunch) throws(AgentError) {
        var opened: [FileDescriptor] = []
        do {
            opened.append(try Self.open(launch.standardInput, .readOnly, options: []))
            opened.append(try Self.open(launch.standardOutput, .writeOnly, options: [.create, .truncate]))
            opened.append(try Self.open(launch.standardError, .writeOnly, options: [.create, .truncate]))
        } catch {
            for descriptor in opened { try? descriptor.close() }
            throw error
        }
        input = opened[0]
        output = opened[1]
        error = opened[2]
    }

    private static func open(
        _ url: URL, _ mode: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions
    ) throws(AgentError) -> FileDescriptor {
        do {
            return try FileDescriptor.open(
                FilePath(url.path), mode, options: options.union(.closeOnExec), permissions: [.ownerReadWrite])
        } catch {
            throw AgentError(
                code: .logUnwritable,
                message: "Could not open \(url.path) for the agent's standard streams (\(error)). Check that the "
                    + "log directory is writable.")
        }
    }
}
