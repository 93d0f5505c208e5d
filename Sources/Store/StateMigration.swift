import GRDB

/// One named, additive step of the state database schema.
///
/// Migrations run in the order of ``StateSchema/migrations``, each in its own transaction, and are
/// recorded by identifier in GRDB's `grdb_migrations` table (exposed as the `schema_migrations` view).
/// They only ever add tables, columns, indexes and views, because a binary one version older must still
/// read a state file committed by a newer one until it meets a migration it does not know.
struct StateMigration: Sendable {
    /// The stable name recorded in `grdb_migrations`; never renamed once released.
    let identifier: String
    /// The schema change; runs inside the migration's transaction.
    let apply: @Sendable (Database) throws -> Void
}

/// The schema of `state.sqlite`: the ordered list of migrations this binary knows.
enum StateSchema {
    /// Every migration, oldest first. Append new ones at the end; never edit or reorder released ones.
    static let migrations: [StateMigration] = [
        StateMigration(identifier: "v1_state_tables", apply: createVersion1),
        StateMigration(identifier: "v2_flows", apply: createFlowTables),
    ]

    /// A GRDB migrator that runs `migrations` in order, each in one transaction with deferred foreign key
    /// checks (checked before the migration commits).
    static func migrator(for migrations: [StateMigration] = migrations) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.identifier, migrate: migration.apply)
        }
        return migrator
    }

    /// Throws ``StoreError/Code/schemaTooNew`` when `db` records migrations `migrator` does not know.
    ///
    /// Only reads the database, so a refused file is left byte for byte as it was.
    static func refuseNewerSchema(_ db: Database, migrator: DatabaseMigrator, path: String?) throws {
        let known = Set(migrator.migrations)
        let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw StoreError(
                .schemaTooNew, message: StoreError.Messages.schemaTooNew(path: path, unknownMigrations: unknown),
                path: path
            )
        }
    }
}
