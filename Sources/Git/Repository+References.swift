internal import CGit2
import Foundation

extension Repository {
    /// The local references whose full names start with `prefix` (e.g. `refs/conveyor/seen/`), with the object
    /// each points at (symbolic references resolved), sorted by name.
    public func references(under prefix: String) async throws -> [(name: String, id: ObjectID)] {
        try referenceNames(under: prefix).compactMap { name in
            try resolveOnQueue(name).map { (name, $0) }
        }
    }

    /// Deletes every local reference whose full name starts with `prefix`; the objects stay.
    public func deleteReferences(under prefix: String) async throws {
        for name in try referenceNames(under: prefix) {
            try GitError.check(git_reference_remove(pointer, name), "git_reference_remove")
        }
    }

    /// Deletes `references` (full names, e.g. `refs/conveyor/batches/x`) on `remote` in one push; names the remote
    /// does not have are ignored by the remote.
    ///
    /// - Throws: ``GitError`` when the push fails or the remote refuses a deletion.
    public func deleteRemoteReferences(
        _ references: [String], remote: Remote, credentials: Credentials,
        timeout: Duration = Repository.defaultTransferTimeout
    ) async throws {
        guard !references.isEmpty else { return }
        let refspecs = references.map { ":\(Self.qualifiedReference($0))" }
        let control = TransferControl(credentials: credentials, remote: remote.description, timeout: timeout)
        let outcome = try await withTaskCancellationHandler {
            try pushOnQueue(refspecs, to: remote, control: control)
        } onCancel: {
            control.cancel()
        }
        if case .rejectedNonFastForward(let message) = outcome {
            throw GitError(klass: .reference, code: .pushRejected, message: message, operation: "git_remote_push")
        }
    }

    /// The names of the local references under `prefix`, sorted.
    private func referenceNames(under prefix: String) throws -> [String] {
        let iterator = try GitError.make("git_reference_iterator_new") { git_reference_iterator_new($0, pointer) }
        defer { git_reference_iterator_free(iterator) }
        var names: [String] = []
        var name: UnsafePointer<CChar>?
        while true {
            let result = git_reference_next_name(&name, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try GitError.check(result, "git_reference_next_name")
            if let name, case let text = String(cString: name), text.hasPrefix(prefix) { names.append(text) }
        }
        return names.sorted()
    }
}
