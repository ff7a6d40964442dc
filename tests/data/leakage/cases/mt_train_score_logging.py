# %%
df = pd.read_csv("houses.csv")
X, y = df[["sqft", "rooms"]], df["price"]
reg = LinearRegression().fit(X, y)
logging.info("R2 = %.3f", r2_score(y, reg.predict(X)))
