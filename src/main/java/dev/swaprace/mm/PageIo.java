package dev.swaprace.mm;

import dev.swaprace.race.RacePoint;

import static dev.swaprace.race.RacePoint.IO_READ;
import static dev.swaprace.race.RacePoint.IO_WRITE;

/**
 * mm/page_io.c. The IO completes synchronously in the submitter's thread, after a race point,
 * so another actor can run while the page is locked by the read (kernel-model L5, L17) or under
 * writeback (L15); {@code end_swap_bio_read} then unlocks the page as the interrupt would.
 */
public final class PageIo {
    private final Mm mm;

    PageIo(Mm mm) {
        this.mm = mm;
    }

    /** {@code swap_readpage} + {@code end_swap_bio_read}: page locked by the IO. */
    void swapReadpage(Page page, SwapEntry e) {
        mm.trace.readIo();
        long data = mm.swap.readSlot(IO_READ, e);
        if (mm.choices().readIoSucceeds(IO_READ)) {
            page.data = data;
            page.uptodate = true;
        } else {
            page.uptodate = false;   // SetPageError; ClearPageUptodate
            mm.trace.step(IO_READ, "read error: page not uptodate");
        }
        page.lock.unlock(IO_READ);
    }

    /**
     * {@code swap_writepage}: page locked and clean for IO. First {@code try_to_free_swap}: if
     * nothing references the slot any more, drop the page from the swap cache instead of writing
     * (returns false). Otherwise {@code __swap_writepage}: set writeback, unlock, and at
     * completion ({@code end_swap_bio_write}) the slot holds the data and writeback ends. The
     * page is unlocked either way.
     */
    boolean swapWritepage(RacePoint at, Page page, SwapEntry e) {
        if (mm.swapfile.tryToFreeSwap(at, page)) {
            page.lock.unlock(at);
            return false;
        }
        page.writeback.store(at, 1);
        long data = page.data;
        page.lock.unlock(at);
        mm.swap.writeSlot(IO_WRITE, e, data);
        page.writeback.store(IO_WRITE, 0);
        return true;
    }
}
