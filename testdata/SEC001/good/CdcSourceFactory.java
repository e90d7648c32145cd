package com.example.cdc;

import org.apache.http.auth.UsernamePasswordCredentials;

/** Builds source DDL for a database given at runtime; nothing here is a secret. */
public final class CdcSourceFactory {

    private CdcSourceFactory() {
    }

    static String sourceDdl(String host, int port, String user, String password) {
        return String.format(
                "CREATE TABLE orders (id INT) WITH ("
                        + " 'connector' = 'mysql-cdc',"
                        + " 'hostname' = '%s',"
                        + " 'port' = '%d',"
                        + " 'username' = '%s',"
                        + " 'password' = '%s'"
                        + ")",
                host, port, user, password);
    }

    /** The documented sample pair of a local Elasticsearch, not a credential of ours. */
    static UsernamePasswordCredentials sample() {
        return new UsernamePasswordCredentials("elastic", "changeme");
    }

    /** An entity's builder: nothing proves this is a client's password. */
    static Account defaultAdmin() {
        return Account.builder().username("admin").password("s3cr3t-entity").build();
    }
}
