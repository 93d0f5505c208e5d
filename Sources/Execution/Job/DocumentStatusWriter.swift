import Documents
import Forge
import Foundation
import Git
import Pipeline

/// Changes the `status` of a work item's documents on its work branch, in one commit pushed without force:
/// `approved` on approval, `superseded` (with `superseded_by`) on a rethink, `abandoned` on abort.
///
/// Works in a clone of its own in the job's scratch folder (no agent ever sees it). A document already in the wanted
/// status is left alone, so a repeat changes nothing and pushes nothing.
struct DocumentStatusWriter {
    let forge: any ForgeClient
    let remote: URL
    let credentials: Credentials
    let pipeline: Pipeline
    let workItem: Int
    let scratch: URL

    /// Sets the status of every document of `stages` present on the work branch, regenerates the docset and the
    /// issue map (they carry the statuses), and pushes one commit; nothing when there is no work branch yet or
    /// nothing changes.
    func setStatus(of stages: [StageName], to status: DocumentStatus, message: String) async throws {
        guard let branch = try await workBranch() else { return }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let repository = try await Repository.clone(from: remote, to: scratch, credentials: credentials, branch: branch)
        var edited = false
        for stage in stages {
            for artifact in pipeline[stage]?.artifacts ?? [] {
                let url = scratch.appendingPathComponent(artifact.path(forWorkItem: workItem))
                guard let text = try? String(contentsOf: url, encoding: .utf8),
                    FrontmatterEdit.value(of: "status", in: text) != status.rawValue
                else { continue }
                var values = [(key: "status", value: status.rawValue)]
                if status == .superseded, let id = FrontmatterEdit.value(of: "doc_id", in: text) {
                    let version = FrontmatterEdit.value(of: "version", in: text).flatMap(Int.init) ?? 1
                    values.append((key: "superseded_by", value: "\"\(id)@v\(version + 1)\""))
                }
                guard let changed = FrontmatterEdit.setting(values, in: text) else { continue }
                try Data(changed.utf8).write(to: url, options: .atomic)
                edited = true
            }
        }
        guard edited else { return }
        _ = try GeneratedFiles.regenerate(workItem: workItem, pipeline: pipeline, repositoryRoot: scratch)
        var files: [String: Data] = [:]
        for path in try await repository.changedPaths() {
            if let data = FileManager.default.contents(atPath: scratch.appendingPathComponent(path).path) {
                files[path] = data
            }
        }
        guard !files.isEmpty else { return }
        _ = try await repository.commit(
            files, onto: branch, message: message,
            author: Signature(name: "Conveyor", email: "conveyor@users.noreply.invalid"))
        let outcome = try await repository.push(branch, to: branch, remote: remote, credentials: credentials)
        guard outcome == .pushed else {
            throw StageJobError(
                "The work branch \(branch) moved on the remote while Conveyor set document statuses; run the job again."
            )
        }
    }

    /// The work item's branch: its open pull request's head, else a `conveyor/<N>-…` branch on the remote.
    private func workBranch() async throws -> String? {
        let prefix = "\(WorkBranch.prefix)\(workItem)-"
        if let open = try await forge.pullRequests(head: nil, state: .open).first(where: { $0.head.hasPrefix(prefix) })
        {
            return open.head
        }
        return try await Repository.remoteBranches(at: remote, prefix: prefix, credentials: credentials).first
    }
}
