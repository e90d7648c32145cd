package com.example.accounts;

import java.util.Properties;

import org.apache.flink.api.java.utils.ParameterTool;

/** A user of the reporting UI, as stored in the accounts table. */
public class UserAccount {

    /** Column names; none of them is a credential. */
    public static final String PASSWORD_COLUMN = "password_hash";
    private static final String RESET_SQL = "UPDATE users SET password = ? WHERE id = ?";

    private String name;
    private String password;

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void reset(UserAccount other, String generated) {
        other.setPassword(generated);
        this.setPassword("");
    }

    static Properties jdbc(ParameterTool params, String[] args) {
        Properties props = new Properties();
        props.setProperty("user", params.getRequired("db.user"));
        props.setProperty("password", params.getRequired("db.password"));
        props.setProperty("password.file", "/run/secrets/db-password");
        props.setProperty("password-policy", "strict");
        props.setProperty("token.ttl", "3600");
        props.setProperty("secret", args[0]);
        props.setProperty("fs.s3a.secret.key", System.getenv("S3_SECRET_KEY"));
        props.setProperty("sasl.jaas.config", System.getProperty("kafka.jaas"));
        props.setProperty("url", "jdbc:mysql://db:3306/shop?user=${DB_USER}&password=${DB_PASSWORD}");
        return props;
    }
}
