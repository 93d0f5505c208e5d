import ConveyorTestSupport
import Forge
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Several clients of one file at once lose nothing, and a change waits for a lock held by someone else.
@Suite struct LocalForgeConcurrencyTests {
    @Test func twentyConcurrentCommentsFromTwoInstancesAreAllKept() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Busy", author: "alice")
            let other = LocalForge(file: forge.file, repository: forge.repository, author: "other[bot]")

            let created = try await withThrowingTaskGroup(of: IssueComment.self) { group in
                for index in 0..<20 {
                    let client = index.isMultiple(of: 2) ? forge : other
                    group.addTask { try await client.createComment(onIssue: issue.number, body: "Comment \(index)") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(Set(created.map(\.id)) == Set(1...20))
            let stored = try await other.comments(onIssue: issue.number)
            #expect(stored.count == 20)
            #expect(Set(stored.map(\.body)) == Set((0..<20).map { "Comment \($0)" }))
            #expect(stored.filter { $0.author.login == "other[bot]" }.count == 10)
            #expect(try await forge.snapshot().events.filter { $0.action == "comment.created" }.count == 20)
        }
    }

    @Test func concurrentIssuesAndLabelsFromTwoInstancesGetDistinctNumbersAndOneLabel() async throws {
        try await withLocalForge { forge in
            let other = LocalForge(file: forge.file, repository: forge.repository)

            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<10 {
                    let client = index.isMultiple(of: 2) ? forge : other
                    group.addTask {
                        let issue = try await client.openIssue(title: "Issue \(index)", author: "alice")
                        _ = try await client.addLabels(["state: intake"], toIssue: issue.number)
                        return issue.number
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(numbers.sorted() == Array(1...10))
            let snapshot = try await forge.snapshot()
            #expect(snapshot.labels.map(\.name) == ["state: intake"])
            #expect(snapshot.issues.allSatisfy { $0.labels == ["state: intake"] })
        }
    }

    @Test func aChangeWaitsForALockHeldBySomeoneElse() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Locked", author: "alice")
            let lockPath = forge.file.path + ".lock"
            let descriptor = open(lockPath, O_RDWR | O_CLOEXEC)
            try #require(descriptor >= 0)
            try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)

            let pending = Task { try await forge.createComment(onIssue: issue.number, body: "After the lock") }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try !forge.fileText().contains("After the lock"))

            close(descriptor)
            let comment = try await pending.value
            #expect(try await forge.comments(onIssue: issue.number) == [comment])
        }
    }
}
