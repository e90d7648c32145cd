package com.example.cache;

import co.elastic.clients.elasticsearch._types.Refresh;

/** Not Elasticsearch requests: a cache with its own refresh modes. */
public class CacheWarmer {

    private final LocalCache cache;

    public CacheWarmer(LocalCache cache) {
        this.cache = cache;
    }

    public void warm() {
        cache.setRefreshPolicy(LocalCache.Policy.IMMEDIATE);
        cache.refresh(Mode.True);
        cache.refresh(Refresh.WaitFor);
    }
}
