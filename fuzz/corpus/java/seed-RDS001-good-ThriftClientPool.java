package com.example.rpc;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/** A pool of clients for a service that accepts a single connection per caller. */
public final class ThriftClientPool {

    private final GenericObjectPool<ReportClient> pool;

    public ThriftClientPool(String host, int port) {
        GenericObjectPoolConfig<ReportClient> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(1);
        config.setMaxIdle(1);
        this.pool = new GenericObjectPool<>(new ClientFactory(host, port), config);
    }

    public ReportClient borrow() throws Exception {
        return pool.borrowObject();
    }

    public void giveBack(ReportClient client) {
        pool.returnObject(client);
    }

    /** A client of the report service. */
    public static final class ReportClient {
        final String host;
        final int port;

        ReportClient(String host, int port) {
            this.host = host;
            this.port = port;
        }
    }

    private static final class ClientFactory extends BasePooledObjectFactory<ReportClient> {
        private final String host;
        private final int port;

        ClientFactory(String host, int port) {
            this.host = host;
            this.port = port;
        }

        @Override
        public ReportClient create() {
            return new ReportClient(host, port);
        }

        @Override
        public PooledObject<ReportClient> wrap(ReportClient client) {
            return new DefaultPooledObject<>(client);
        }
    }
}
