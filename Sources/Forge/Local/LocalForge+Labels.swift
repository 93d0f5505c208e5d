extension LocalForge {
    public func labels(onIssue number: Int) async throws(ForgeError) -> [Label] {
        try await reading("list the labels of issue #\(number)") { document, _ throws(LocalForgeFailure) in
            try document.labels(onIssue: number).map(\.model)
        }
    }

    /// Adds the labels as GitHub does: a label the repository lacks is created, and one already on the
    /// issue stays once.
    public func addLabels(_ names: [String], toIssue number: Int) async throws(ForgeError) -> [Label] {
        let author = author
        let operation = "add the labels \(names.joined(separator: ", ")) to issue #\(number)"
        return try await changing(operation) { document, date, _ throws(LocalForgeFailure) in
            try document.addLabels(names, toIssue: number, by: author, at: date).map(\.model)
        }
    }

    public func removeLabel(_ name: String, fromIssue number: Int) async throws(ForgeError) {
        let author = author
        try await changing("remove the label \(name) from issue #\(number)") {
            document, date, _ throws(LocalForgeFailure) in
            try document.removeLabel(name, fromIssue: number, by: author, at: date)
        }
    }

    // MARK: - Seeding

    /// Creates the repository label `name`, or returns the one already named so (compared without case).
    public func addRepositoryLabel(
        _ name: String, color: String? = nil, description: String? = nil
    ) async throws(ForgeError) -> Label {
        try await changing("create the label \(name)") { document, date, _ throws(LocalForgeFailure) in
            try document.ensureLabel(name, color: color, description: description, by: nil, at: date).model
        }
    }
}
