import Foundation
import Git

/// Reads the first-parent history of the state branch from the cache repository, through ``Git/Repository/log(from:limit:)``.
enum CommitHistory {
    /// Up to `limit` commits from `tip` back along first parents, newest first.
    static func walk(_ repository: Repository, from tip: ObjectID, limit: Int) async throws -> [StateCommit] {
        try await repository.log(from: tip, limit: limit).map {
            StateCommit(id: $0.id, parents: $0.parents, date: $0.date, summary: $0.summary)
        }
    }
}
