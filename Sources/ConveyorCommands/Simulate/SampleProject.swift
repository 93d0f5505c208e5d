import Foundation
import Git

/// The sample repository `conveyor simulate` works on: a bare repository with a small project on `main`,
/// written with libgit2 (no git CLI needed).
enum SampleProject {
    static let files: [String: String] = [
        "README.md": "# Paper Trail\n\nA tiny notes service used by Conveyor's offline demo.\n",
        "src/notes.py": "def add(notes, text):\n    notes.append(text)\n    return notes\n",
        "docs/README.md": "Project documentation lives here; Conveyor adds work items under docs/work-items/.\n",
    ]

    /// Creates the bare repository at `url` with one commit on `main`, and points its HEAD at `main`.
    static func create(at url: URL) async throws {
        let repository = try await Repository.initialize(at: url, bare: true)
        _ = try await repository.commit(
            files.mapValues { Data($0.utf8) }, onto: "main", message: "Initial commit of the sample project",
            author: Signature(name: "Demo Owner", email: "owner@example.invalid"))
        try Data("ref: refs/heads/main\n".utf8).write(to: url.appendingPathComponent("HEAD"))
    }
}
