extension FakeForge {
    /// Every label of the repository (not of an issue), in the order they were created.
    public func repositoryLabels() async -> [ForgeLabel] {
        await state.repository(owner, repo)?.labels ?? []
    }
}
