import Foundation

extension LocalForgeDocument {
    /// A milestone of the repository; its number is its position, from 1.
    public struct MilestoneEntry: Sendable, Hashable, Codable {
        /// The number, from 1, in creation order.
        public internal(set) var number: Int
        /// The title.
        public internal(set) var title: String
        /// The description.
        public internal(set) var description: String
        /// Open or closed.
        public internal(set) var state: IssueState
    }
}

extension LocalForge {
    public func openIssues(labels: [String]) async throws(ForgeError) -> [Issue] {
        try await reading("list the open issues") { document, links throws(LocalForgeFailure) in
            var result: [Issue] = []
            for entry in document.issues where entry.state == .open && !entry.isPullRequest {
                let issue = try document.issueModel(entry.number, kind: links.kind)
                if labels.allSatisfy({ issue.hasLabel($0) }) { result.append(issue) }
            }
            return result
        }
    }

    public func createIssue(title: String, body: String) async throws(ForgeError) -> Issue {
        try await openIssue(title: title, body: body, author: author)
    }

    public func milestones() async throws(ForgeError) -> [Milestone] {
        try await reading("list the milestones") { document, _ throws(LocalForgeFailure) in
            (document.milestones ?? []).map {
                Milestone(number: $0.number, title: $0.title, description: $0.description, state: $0.state)
            }
        }
    }

    public func createMilestone(title: String, description: String) async throws(ForgeError) -> Milestone {
        try await changing("create the milestone \(title)") { document, date, _ throws(LocalForgeFailure) in
            try LocalForgeFailure.require(title, "milestone title")
            var milestones = document.milestones ?? []
            let entry = LocalForgeDocument.MilestoneEntry(
                number: milestones.count + 1, title: title, description: description, state: .open)
            milestones.append(entry)
            document.milestones = milestones
            document.log("milestone.created", "\(entry.number) \"\(title)\"", at: date)
            return Milestone(number: entry.number, title: title, description: description)
        }
    }

    public func tags() async throws(ForgeError) -> [RepositoryTag] {
        try await reading("list the tags") { document, _ throws(LocalForgeFailure) in
            (document.tags ?? [:]).sorted { $0.key < $1.key }.map { RepositoryTag(name: $0.key, sha: $0.value) }
        }
    }

    // MARK: - Seeding

    /// Records the tag `name` on `sha`, as a push of the tag would (a simulation's earlier release).
    public func recordTag(_ name: String, sha: String) async throws(ForgeError) {
        try await changing("record the tag \(name)") { document, date, _ throws(LocalForgeFailure) in
            try LocalForgeFailure.require(name, "tag name")
            var tags = document.tags ?? [:]
            tags[name] = sha
            document.tags = tags
            document.log("tag.pushed", "\(name) at \(sha)", at: date)
        }
    }
}
