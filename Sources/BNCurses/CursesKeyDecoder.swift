import BNTUI
import CNcursesw

/// Turns what `wget_wch` returned into a ``Key``.
enum CursesKeyDecoder {
    /// A character read (`OK`): printable characters, Enter, Tab, Escape, Backspace, control chords.
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A function key (`KEY_CODE_YES`): arrows, paging, F-keys; nil for anything else (resize is
    /// handled by the terminal itself).
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case bnlab_key_up(): return .up
        case bnlab_key_down(): return .down
        case bnlab_key_left(): return .left
        case bnlab_key_right(): return .right
        case bnlab_key_home(): return .home
        case bnlab_key_end(): return .end
        case bnlab_key_ppage(): return .pageUp
        case bnlab_key_npage(): return .pageDown
        case bnlab_key_enter(): return .enter
        case bnlab_key_backspace(): return .backspace
        case bnlab_key_btab(): return .backTab
        case (bnlab_key_f0() + 1)...(bnlab_key_f0() + 24): return .function(Int(code - bnlab_key_f0()))
        default: return nil
        }
    }
}
