# %%
df = pd.read_csv("houses.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="price"), df["price"], random_state=0)
candidates = [["sqft"], ["sqft", "rooms"], ["sqft", "rooms", "age"]]
for cols in candidates:
    reg = LinearRegression().fit(X_train[cols], y_train)
    print(cols, r2_score(y_test, reg.predict(X_test[cols])))
