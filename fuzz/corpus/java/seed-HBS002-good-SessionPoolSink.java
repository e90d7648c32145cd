package com.example.sessions;

import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Not HBase: a vendor client whose factory method happens to be called createConnection.
 * Importing an HBase utility class does not make it an HBase connection.
 */
public class SessionPoolSink extends RichSinkFunction<String> {

    private final SessionPool pool = new SessionPool();

    @Override
    public void invoke(String value, Context context) throws Exception {
        try (Session session = pool.createConnection(Bytes.toBytes(value).length)) {
            session.send(value);
        }
        ConnectionFactory.createConnection(value).close();
    }

    /** A local class of the same name as the HBase factory. */
    static final class ConnectionFactory {
        static Session createConnection(String target) {
            return new Session(target);
        }
    }
}
