import ConveyorTestSupport
import Foundation
import Testing

@testable import Git

@Suite("GitError codes, messages and redaction", .timeLimit(.minutes(1)))
struct GitErrorTests {
    @Test("the linked libgit2 is 1.5.1 with HTTPS")
    func library() {
        #expect(LibGit2.version == "1.5.1")
        #expect(LibGit2.supportsHTTPS)
    }

    @Test("opening a directory that is not a repository throws .notFound naming the path")
    func openNonRepository() async throws {
        let scratch = try TemporaryDirectory(prefix: "git-not-a-repo")
        defer { scratch.remove() }
        do {
            _ = try await Repository.open(at: scratch.url)
            Issue.record("opened a plain directory")
        } catch GitError.Code.notFound {
            // The `~=` overload lets callers match codes directly.
        }
        let error = try await #require(throws: GitError.self) { _ = try await Repository.open(at: scratch.url) }
        #expect(error.code == .notFound)
        #expect(error.klass == .repository)
        #expect(error.operation == "git_repository_open_ext")
        #expect(error.message.contains(scratch.url.lastPathComponent))
        #expect(String(describing: error).hasPrefix("Git could not complete `git_repository_open_ext`: "))
        #expect(String(describing: error).hasSuffix("(git_repository_open_ext, repository/notFound)"))
    }

    @Test func aRawLibgit2NetworkFailureReadsAsASentenceThatSaysWhatToDo() {
        let error = GitError(klass: .http, code: .generic, message: "unexpected EOF", operation: "git_clone")
        let text = String(describing: error)
        #expect(!text.hasPrefix("git_clone failed ["))
        #expect(text.hasPrefix("Git could not clone the repository: unexpected EOF. "))
        #expect(text.contains("check that the server is reachable and run the job again"))
        #expect(text.hasSuffix("(git_clone, http/generic)"))
    }

    @Test("missing refs, existing branches, directories and bad inputs map to their codes")
    func repositoryErrors() async throws {
        let scratch = try TemporaryDirectory(prefix: "git-errors")
        defer { scratch.remove() }
        let repository = try await Repository.initialize(at: scratch.appending("repo"))
        let author = Signature(name: "Conveyor Bot", email: "bot@conveyor.invalid")
        #expect(try await repository.resolve("refs/heads/missing") == nil)
        #expect(try await repository.resolve("HEAD") == nil)

        _ = try await repository.commit(["dir/file.md": Data("x\n".utf8)], onto: "main", message: "One", author: author)
        let cases: [(GitError.Code, @Sendable () async throws -> Void)] = [
            (.notFound, { _ = try await repository.createBranch("topic", from: "refs/heads/missing") }),
            (.exists, { _ = try await repository.createBranch("main", from: "main") }),
            (.notFound, { _ = try await repository.readBlob(at: "no-such-ref", path: "dir/file.md") }),
            (.directory, { _ = try await repository.readBlob(at: "main", path: "dir") }),
            (
                .invalidSpec,
                {
                    _ = try await repository.push("+main", to: "main", remote: .named("origin"), credentials: .none)
                }
            ),
            (
                .invalid,
                {
                    _ = try await repository.commit(["../escape": Data()], onto: "main", message: "x", author: author)
                }
            ),
            (
                .invalid,
                {
                    _ = try await repository.commit(
                        ["a.md": Data()], removing: ["a.md"], onto: "main", message: "x", author: author)
                }
            ),
            (
                .notFound,
                {
                    _ = try await repository.push("main", to: "main", remote: .named("nowhere"), credentials: .none)
                }
            ),
        ]
        for (code, operation) in cases {
            let error = try await #require(throws: GitError.self) { try await operation() }
            #expect(error.code == code, "\(error)")
            #expect(!error.message.isEmpty)
        }
        try GitConsistency.expectClean(repository.location)
    }

    @Test("moving a branch is a compare-and-swap: a stale expected tip or an existing branch fails with .modified")
    func compareAndSwap() async throws {
        let scratch = try TemporaryDirectory(prefix: "git-cas")
        defer { scratch.remove() }
        let author = Signature(name: "Conveyor Bot", email: "bot@conveyor.invalid")
        let repository = try await Repository.initialize(at: scratch.appending("repo"), bare: true)
        let base = try await repository.commit(
            ["a.md": Data("a\n".utf8)], onto: "main", message: "Base", author: author)
        let moved = try await repository.commit(
            ["b.md": Data("b\n".utf8)], onto: "main", message: "Moved", author: author)
        let late = try await repository.commit(
            ["c.md": Data("c\n".utf8)], parent: base, message: "Late", author: author)

        for stale in [base, nil] {
            let error = try await #require(throws: GitError.self) {
                try await repository.moveReference("refs/heads/main", to: late, expecting: stale)
            }
            #expect(error.code == .modified, "\(error)")
            #expect(error.message.contains("refs/heads/main"))
        }
        #expect(try await repository.resolve("main") == moved)
        try await repository.moveReference("refs/heads/main", to: late, expecting: moved)
        #expect(try await repository.resolve("main") == late)
    }

    @Test("URL userinfo and given secrets never reach an error message")
    func redaction() {
        let error = GitError(
            klass: .http, code: .auth, message: "failed for https://bot:ghp_abc123@example.invalid/x.git (ghp_abc123)",
            operation: "fetch", redacting: ["ghp_abc123"])
        #expect(!String(describing: error).contains("ghp_abc123"))
        #expect(!String(describing: error).contains("bot:"))
        #expect(error.message.contains("https://example.invalid/x.git"))
        #expect(error.code ~= (error as any Error))
        #expect(!(GitError.Code.notFound ~= (error as any Error)))
    }
}
