/// A cell that differs between two frames, as produced by ``Grid/diff(from:)``.
public struct CellChange: Sendable, Hashable {
    /// Column of the changed cell.
    public var x: Int
    /// Row of the changed cell.
    public var y: Int
    /// The cell's new content.
    public var cell: Cell

    /// Creates a change record.
    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}
