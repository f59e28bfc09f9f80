import ArgumentParser
import BNLab

/// `bnlab list`: the experiment catalog.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the experiments of the catalog, with their variants.",
        discussion: "A broken experiment file is listed as invalid with its error; the others are still listed."
    )

    @OptionGroup var folders: FolderOptions

    func run() throws {
        let catalog = try folders.catalog()
        let width = min(catalog.experiments.map(\.id.count).max() ?? 10, 24)
        // every text below comes from a file: control characters are removed before printing
        let safe = { (text: String) in TerminalSafe.strip(text) }
        let indent = String(repeating: " ", count: width)
        for spec in catalog.experiments {
            // An id is never cut (it is what `bnlab run` takes): a long one gets a line of its own.
            let id = safe(spec.id)
            if id.count > width {
                print(id)
                print("\(indent)  \(safe(spec.title))")
            } else {
                print("\(id.padding(toLength: width, withPad: " ", startingAt: 0))  \(safe(spec.title))")
            }
            print("\(indent)  \(safe(spec.summary))")
            print("\(indent)  variants: \(safe(spec.variants.map(\.name).joined(separator: ", ")))")
        }
        for bad in catalog.invalid {
            print("invalid  \(safe("\(bad.error)"))")
        }
        if catalog.experiments.isEmpty && catalog.invalid.isEmpty {
            print("no experiments in \(folders.experimentsFolder.path)")
        }
    }
}
