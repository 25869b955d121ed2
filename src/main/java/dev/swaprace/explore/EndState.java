package dev.swaprace.explore;

import dev.swaprace.mm.Mm;
import dev.swaprace.mm.Page;
import dev.swaprace.mm.SwapEntry;
import dev.swaprace.mm.SwapInfo;

import java.util.ArrayList;
import java.util.List;

/** The quiescent state of a modelled machine, in the words of kernel-model §2.2. */
final class EndState {
    private EndState() {
    }

    static String describe(Mm mm) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < mm.inode.iPages.size(); i++) {
            Object e = mm.inode.iPages.quiescent(i);
            parts.add("i_pages[" + i + "] = " + (e == null ? "empty" : e instanceof Page p ? page(p) : e.toString()));
        }
        for (int o = 0; o < mm.swap.nrSlots(); o++) {
            int map = mm.swap.swapMap(o);
            Page cached = mm.cachedPage(o);
            if (map == 0 && cached == null) {
                continue;
            }
            parts.add("swap_map[" + o + "] = " + swapMap(map)
                    + (cached == null ? ", not in the swap cache" : ", swap cache: " + page(cached)));
        }
        boolean anySlot = false;
        for (int o = 0; o < mm.swap.nrSlots(); o++) {
            anySlot |= mm.swap.swapMap(o) != 0 || mm.cachedPage(o) != null;
        }
        if (!anySlot) {
            parts.add("every swap slot free");
        }
        for (Page p : mm.trace.pages()) {
            if (!p.isFreed() && !p.isSwapCache() && p.mapping() == null && p.refcount.quiescent() > 0) {
                parts.add(page(p) + " in neither tree");
            }
        }
        parts.add("memcg.memory = " + mm.memcg.memory.quiescent() + ", memcg.swap = " + mm.memcg.swap.quiescent());
        parts.add("info->swapped = " + mm.inode.swapped());
        return String.join("; ", parts);
    }

    static String swapMap(int map) {
        int count = map & ~SwapInfo.SWAP_HAS_CACHE;
        boolean cache = (map & SwapInfo.SWAP_HAS_CACHE) != 0;
        String hex = "0x" + Integer.toHexString(map);
        if (map == 0) {
            return "0 (free)";
        }
        if (count == 0) {
            return hex + " (SWAP_HAS_CACHE only)";
        }
        String c = count == SwapInfo.SWAP_MAP_SHMEM ? "SWAP_MAP_SHMEM" : "count " + count;
        return hex + " (" + c + (cache ? " | SWAP_HAS_CACHE" : "") + ")";
    }

    static String page(Page p) {
        List<String> f = new ArrayList<>();
        f.add(p.isUptodate() ? "uptodate" : "not uptodate");
        f.add(p.isDirty() ? "dirty" : "clean");
        f.add(p.lock.isLocked() ? "locked by " + p.lock.holder() : "unlocked");
        if (p.isWriteback()) {
            f.add("writeback");
        }
        if (p.isLru()) {
            f.add("on LRU");
        }
        f.add(p.memcg() != null ? "charged" : "uncharged");
        f.add("refcount " + p.refcount.quiescent());
        SwapEntry e = p.privateEntry();
        if (e != null && !p.isSwapCache()) {
            f.add("private " + e);
        }
        return p + " (" + String.join(", ", f) + ")";
    }
}
