# %%
homes = pd.read_csv("homes.csv")
homes["city_price"] = homes.groupby("city")["price"].transform("mean")
X = homes[["city_price", "sqft"]]
y = homes["price"]
# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(r2_score(y_test, Ridge().fit(X_train, y_train).predict(X_test)))
