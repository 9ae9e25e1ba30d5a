package com.keystone.crm.tools.mlssimulator;

import java.util.logging.Logger;

/** One tick of a live MLS's day: a few new listings, price and status changes, new photos, a removal. */
final class FeedActivity implements Runnable {

    private static final Logger LOG = Logger.getLogger(FeedActivity.class.getName());

    private final SimulatedFeed feed;
    private long tick;

    FeedActivity(SimulatedFeed feed) {
        this.feed = feed;
    }

    @Override
    public void run() {
        tick++;
        int added = feed.addListings(2).size();
        int priced = feed.changePrices(3).size();
        int statuses = feed.changeStatuses(2).size();
        int photos = feed.changePhotos(1).size();
        int removed = tick % 5 == 0 ? feed.remove(1).size() : 0;
        int withdrawn = tick % 3 == 0 ? feed.withdraw(1).size() : 0;
        LOG.info(() -> "feed tick " + tick + " at " + feed.clock() + ": +" + added + " listings, " + priced
                + " prices, " + statuses + " statuses, " + photos + " photo sets, " + withdrawn + " withdrawn, "
                + removed + " removed; " + feed.size() + " listings");
    }
}
