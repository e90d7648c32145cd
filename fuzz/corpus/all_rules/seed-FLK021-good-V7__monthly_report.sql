-- A database migration, not a Flink job.
CREATE VIEW monthly_revenue AS
SELECT c.region, date_trunc('month', o.created_at) AS month, SUM(o.amount) AS revenue
FROM orders o
JOIN customers c ON c.id = o.customer_id
GROUP BY c.region, date_trunc('month', o.created_at);
