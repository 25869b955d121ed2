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
    /** What a slot holds after a failed write: not the page's data, so a read of it shows. */
    static final long SLOT_UNDEFINED = 0xbad0_bad0_bad0_bad0L;

    private final Mm mm;

    PageIo(Mm mm) {
        this.mm = mm;
    }

    /** {@code swap_readpage} + {@code end_swap_bio_read}: page locked by the IO. */
    void swapReadpage(Page page, SwapEntry e) {
        if (!page.swapCache()) {
            mm.trace.violation(Violation.SWAP_READPAGE_NOT_SWAPCACHE);
        }
        page.assertLocked(Violation.SWAP_READPAGE_UNLOCKED);
        if (page.uptodate()) {
            mm.trace.violation(Violation.SWAP_READPAGE_UPTODATE);
        }
        mm.trace.readIo();
        long data = mm.swap.readSlot(IO_READ, e);
        if (mm.choices().readIoSucceeds(IO_READ)) {
            page.writeData(data);
            page.setUptodate(true);
        } else {
            page.setUptodate(false);   // SetPageError; ClearPageUptodate
            mm.trace.failedRead();
            mm.trace.step(IO_READ, "read error: page not uptodate");
        }
        page.unlock(IO_READ);
    }

    /**
     * {@code swap_writepage}: page locked and clean for IO. First {@code try_to_free_swap}: if
     * nothing references the slot any more, drop the page from the swap cache instead of writing
     * (returns false). Otherwise {@code __swap_writepage}: set writeback, unlock, and at
     * completion ({@code end_swap_bio_write}) the slot holds the data and writeback ends; a
     * write error ({@link Choices#writeIoSucceeds}) leaves the slot undefined and redirties the
     * page, which stays in the swap cache for the next reclaim pass to write again (5.7.14
     * mm/page_io.c:53-69). The page is unlocked either way.
     */
    boolean swapWritepage(RacePoint at, Page page, SwapEntry e) {
        if (mm.swapfile.tryToFreeSwap(at, page)) {
            page.unlock(at);
            return false;
        }
        if (!page.swapCache()) {
            mm.trace.violation(Violation.SWAP_WRITEPAGE_NOT_SWAPCACHE);
        }
        page.writeback.store(at, 1);
        long data = page.readData();
        page.unlock(at);
        boolean ok = mm.choices().writeIoSucceeds(IO_WRITE);
        mm.swap.writeSlot(IO_WRITE, e, ok ? data : SLOT_UNDEFINED);
        if (!ok) {
            page.setDirtyUnderWriteback();   // SetPageError; set_page_dirty; ClearPageReclaim
            mm.trace.step(IO_WRITE, "write error: page redirtied, slot contents undefined");
        }
        // end_page_writeback: BUG() unless it clears PG_writeback
        if (page.writeback.getAndUpdate(IO_WRITE, v -> 0) == 0) {
            mm.trace.violation(Violation.END_PAGE_WRITEBACK_NOT_WRITEBACK);
        }
        return true;
    }
}
