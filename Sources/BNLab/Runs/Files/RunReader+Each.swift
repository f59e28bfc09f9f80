import Foundation

extension RunReader {
    /// Reads several run files with `read` (a full read unless told), keeping every file that reads
    /// and one message for each that does not, so one bad file never hides the good ones.
    /// Used by replay, lessons and the workbench's runs browser.
    public static func readEach(_ urls: [URL],
                                with read: (URL) throws -> RunFile = { try RunReader.read(contentsOf: $0) })
        -> (files: [RunFile], failures: [String]) {
        var files: [RunFile] = []
        var failures: [String] = []
        for url in urls {
            do {
                files.append(try read(url))
            } catch {
                failures.append("\(error)")
            }
        }
        return (files, failures)
    }
}
